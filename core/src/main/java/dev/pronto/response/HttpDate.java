package dev.pronto.response;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The {@code Date} header line of one event loop (RFC 9110 §6.6.1, IMF-fixdate), re-rendered at most once a second.
 * Not thread-safe: each loop has its own.
 */
public final class HttpDate {
    private static final byte[] DAYS = "MonTueWedThuFriSatSun".getBytes();
    private static final byte[] MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec".getBytes();
    /** Length of {@code "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"}. */
    public static final int LINE_LENGTH = 37;

    private final byte[] line = "Date: Thu, 01 Jan 1970 00:00:00 GMT\r\n".getBytes();
    private long second = Long.MIN_VALUE;

    /**
     * Brings the line up to date.
     *
     * @param epochMillis the loop's clock
     */
    public void update(long epochMillis) {
        long s = Math.floorDiv(epochMillis, 1000);
        if (s == second) {
            return;
        }
        second = s;
        LocalDateTime t = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC);
        DayOfWeek dow = t.getDayOfWeek();
        System.arraycopy(DAYS, (dow.getValue() - 1) * 3, line, 6, 3);
        two(t.getDayOfMonth(), 11);
        System.arraycopy(MONTHS, (t.getMonthValue() - 1) * 3, line, 14, 3);
        int year = t.getYear();
        two(year / 100, 18);
        two(year % 100, 20);
        two(t.getHour(), 23);
        two(t.getMinute(), 26);
        two(t.getSecond(), 29);
    }

    private void two(int v, int at) {
        line[at] = (byte) ('0' + v / 10);
        line[at + 1] = (byte) ('0' + v % 10);
    }

    /** @return the current line, CRLF included; do not modify */
    public byte[] line() {
        return line;
    }
}
