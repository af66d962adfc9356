package dev.pronto.transport.nio;

import dev.pronto.transport.ChannelHandler;
import dev.pronto.transport.EventLoop;
import dev.pronto.transport.LoopHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.System.Logger.Level;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** One selector thread: accepts, dispatches readiness to channel handlers, runs tasks and the handler's timers. */
final class NioLoop implements EventLoop {
    private static final System.Logger LOG = System.getLogger("dev.pronto.transport");
    private static final int MAX_ACCEPTS_PER_EVENT = 64;

    private final int index;
    private final LoopHandler.Factory factory;
    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Consumer<SelectionKey> onKey = this::process;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean running = true;
    private Thread thread;
    private LoopHandler handler;
    private ServerSocketChannel listener;
    private List<NioLoop> handOff; // non-null when this loop accepts for all loops (no SO_REUSEPORT)
    private int nextHandOff;
    private boolean clockFresh;
    private long waitNanos;
    private long tickNanos; // the clock of the latest tick
    @SuppressWarnings("unused") // through BUSY; written by this loop only
    private long busy;
    private static final VarHandle BUSY;

    static {
        try {
            BUSY = MethodHandles.lookup().findVarHandle(NioLoop.class, "busy", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    NioLoop(int index, LoopHandler.Factory factory) throws IOException {
        this.index = index;
        this.factory = factory;
        this.selector = Selector.open();
    }

    void start(ServerSocketChannel listener, List<NioLoop> handOffTargets) throws IOException {
        this.listener = listener;
        if (listener != null) {
            listener.register(selector, SelectionKey.OP_ACCEPT, listener);
            this.handOff = handOffTargets;
        }
        thread = Thread.ofPlatform().name("pronto-loop-" + index).unstarted(this::run);
        thread.start();
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public long busyNanos() {
        return (long) BUSY.getOpaque(this);
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    private void run() {
        try {
            handler = factory.create(this);
            while (running) {
                clockFresh = false;
                long millis = Math.clamp((waitNanos + 999_999) / 1_000_000, 1, 1000);
                if (tasks.isEmpty()) {
                    selector.select(onKey, millis);
                } else {
                    selector.selectNow(onKey);
                }
                // Busy from the first event's clock (or now, with none) until the iteration's last tick.
                long woke = clockFresh ? tickNanos : System.nanoTime();
                wakeupPending.set(false);
                runTasks();
                tick();
                BUSY.setOpaque(this, busy + (tickNanos - woke)); // a plain store: only this thread writes it
            }
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "Event loop " + index + " failed", t);
        } finally {
            shutdownChannels();
            ended.countDown();
        }
    }

    private void tick() {
        tickNanos = System.nanoTime();
        waitNanos = handler.tick(tickNanos, System.currentTimeMillis());
        clockFresh = true;
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.log(Level.ERROR, "Task failed on event loop " + index, t);
            }
        }
    }

    private void process(SelectionKey key) {
        if (!clockFresh) {
            tick(); // one clock read per iteration, before its first event
        }
        Object attachment = key.attachment();
        if (attachment instanceof NioChannel ch) {
            try {
                int ready = key.readyOps();
                if ((ready & SelectionKey.OP_WRITE) != 0 && ch.isOpen()) {
                    ch.handler.onWritable();
                }
                if ((ready & SelectionKey.OP_READ) != 0 && ch.isOpen()) {
                    ch.handler.onReadable();
                }
            } catch (Throwable t) {
                // Nothing a connection does may stop the loop: log, drop that connection, go on.
                LOG.log(Level.ERROR, "Connection failed on event loop " + index, t);
                ch.close();
                try {
                    ch.handler.onClosed(); // the protocol side forgets it too: counts, reaper lists
                } catch (Throwable again) {
                    LOG.log(Level.ERROR, "Closing a failed connection failed on event loop " + index, again);
                }
            }
        } else if (attachment instanceof ServerSocketChannel ssc) {
            accept(ssc);
        }
    }

    private void accept(ServerSocketChannel ssc) {
        for (int i = 0; i < MAX_ACCEPTS_PER_EVENT; i++) {
            SocketChannel sc;
            try {
                sc = ssc.accept();
            } catch (IOException e) {
                // e.g. EMFILE: leave the rest in the backlog and try again on the next event.
                LOG.log(Level.WARNING, "accept failed: " + e);
                return;
            }
            if (sc == null) {
                return;
            }
            if (handOff == null) {
                register(sc);
            } else {
                NioLoop target = handOff.get(nextHandOff++ % handOff.size());
                if (target == this) {
                    register(sc);
                } else {
                    target.execute(() -> target.register(sc));
                }
            }
        }
    }

    private void register(SocketChannel sc) {
        try {
            sc.configureBlocking(false);
            sc.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SelectionKey key = sc.register(selector, SelectionKey.OP_READ);
            NioChannel channel = new NioChannel(sc, key, this);
            key.attach(channel);
            channel.handler = handler.accepted(channel);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "dropping a connection at accept: " + e);
            try {
                sc.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    /**
     * Closes this loop's listener, on the loop thread. From another thread it waits until the socket is really
     * closed; on the loop thread itself (a handler, inside a select) the socket is released by the next select,
     * which comes as soon as the current events are processed.
     */
    void closeListener() {
        if (inLoop()) {
            doCloseListener(false); // a select inside a select fails: "select in progress"
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        execute(() -> {
            doCloseListener(true);
            done.countDown();
        });
        await(done);
    }

    private void doCloseListener(boolean flush) {
        if (listener == null) {
            return;
        }
        try {
            listener.close();
            if (flush) {
                // A registered channel's socket is released when its key is flushed by a select.
                selector.selectNow(onKey);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            listener = null;
        }
    }

    void stop() {
        running = false;
        selector.wakeup();
        if (!inLoop() && thread != null) {
            await(ended);
        }
    }

    private void shutdownChannels() {
        for (SelectionKey key : selector.keys()) {
            Object a = key.attachment();
            try {
                if (a instanceof NioChannel ch) {
                    ch.close();
                    ChannelHandler h = ch.handler;
                    if (h != null) {
                        h.onClosed();
                    }
                } else if (a instanceof ServerSocketChannel ssc) {
                    ssc.close();
                }
            } catch (Throwable t) {
                LOG.log(Level.DEBUG, "closing at loop stop: " + t);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing selector: " + e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "event loop did not answer within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
