# The soak's series over time, from sample.sh's CSV. Variables (gnuplot -e): csv, png, title, warm, loadend
# (seconds at which the warm-up and the load ended).
set datafile separator ','
set terminal pngcairo size 1100,1000 font ',9'
set output png
set multiplot layout 4,1 title title
set grid
unset key
set xrange [0:*]
set lmargin 10
set rmargin 10
set arrow 1 from warm, graph 0 to warm, graph 1 nohead dt 2 lc rgb 'gray40'
set arrow 2 from loadend, graph 0 to loadend, graph 1 nohead dt 2 lc rgb 'gray40'
set label 1 'warm-up end' at warm, graph 0.08 offset 0.5,0 tc rgb 'gray40'
set label 2 'load end' at loadend, graph 0.08 offset 0.5,0 tc rgb 'gray40'
# RSS autoscaled (not from 0): growth of a few MiB must be visible.
set offsets graph 0, graph 0, graph 0.15, graph 0.15
set title 'resident set (VmRSS), MiB'
plot csv using 1:3 skip 1 with lines lw 2 lc rgb '#d95f02'
set offsets 0, 0, 0, 0
set yrange [0:*]
set title 'open file descriptors'
plot csv using 1:4 skip 1 with lines lw 2 lc rgb '#1b9e77'
set title 'established connections on the port'
plot csv using 1:5 skip 1 with lines lw 2 lc rgb '#7570b3'
# Serial GC updates eden's perf counter only at collections (always 0 then): the old generation is what tells.
set title 'GC: old generation occupancy (left, %) and collections so far (right)'
set key top left opaque
set xlabel 'seconds since sampling began (the server ready)'
set yrange [0:100]
set y2range [0:*]
set y2tics
set ytics nomirror
plot csv using 1:7 skip 1 with lines lw 2 lc rgb '#e7298a' title 'old generation %', \
     csv using 1:($8 + $9) skip 1 axes x1y2 with lines lw 2 lc rgb '#444444' title 'young + full collections'
unset multiplot
