package dev.bioeco;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Throw-away Neo4j Community (embedded) with a Bolt connector, for tests.
 *
 * <p>Environment:
 * <ul>
 *   <li>NEO4J_TEST_PORT - Bolt port on 127.0.0.1 (default 7687, 0 = pick a free port)</li>
 *   <li>NEO4J_TEST_PAGECACHE - page cache size (default 256m)</li>
 *   <li>NEO4J_TEST_TX_MEMORY - memory one transaction may use (default 256m)</li>
 *   <li>NEO4J_TEST_TX_MEMORY_TOTAL - memory all transactions may use together (default 512m)</li>
 *   <li>NEO4J_TEST_LOG_DIR - where Neo4j's debug.log goes (default: inside the temp dir, i.e. deleted)</li>
 *   <li>NEO4J_TEST_KEEP_DATA=1 - do not delete the temp dir on exit</li>
 *   <li>NEO4J_TEST_EXIT_ON_STDIN_EOF=1 - exit when stdin is closed (parent died)</li>
 * </ul>
 *
 * <p>stdout carries exactly one line, {@code NEO4J_URI=bolt://127.0.0.1:PORT}, once Bolt accepts connections.
 * Everything else goes to stderr. SIGTERM/SIGINT/SIGHUP shut the DBMS down and exit 0.
 */
public final class Neo4jTestServer {

    private static final String DEFAULT_DATABASE = "neo4j";

    private static final AtomicBoolean stopped = new AtomicBoolean(false);
    private static volatile DatabaseManagementService dbms;
    private static volatile Path home;

    public static void main(String[] args) throws Exception {
        // Keep the real stdout for the single URI line; anything else that writes to System.out
        // (libraries, stray printlns) ends up on stderr.
        final PrintStream realOut = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);

        final long t0 = System.nanoTime();
        final int requestedPort = intEnv("NEO4J_TEST_PORT", 7687);
        final String pageCache = env("NEO4J_TEST_PAGECACHE", "256m");
        final String txMemory = env("NEO4J_TEST_TX_MEMORY", "256m");
        final String totalTxMemory = env("NEO4J_TEST_TX_MEMORY_TOTAL", "512m");
        final boolean keepData = "1".equals(System.getenv("NEO4J_TEST_KEEP_DATA"));

        installSignalHandlers();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(keepData), "neo4j-test-server-shutdown"));

        home = Files.createTempDirectory("neo4j-test-");
        log("home " + home);

        final Map<String, String> conf = new LinkedHashMap<>();
        conf.put("dbms.security.auth_enabled", "false");
        conf.put("server.bolt.enabled", "true");
        conf.put("server.bolt.listen_address", "127.0.0.1:" + requestedPort);
        conf.put("server.bolt.tls_level", "DISABLED");
        conf.put("server.http.enabled", "false");
        conf.put("server.https.enabled", "false");
        conf.put("server.memory.pagecache.size", pageCache);
        conf.put("db.tx_log.preallocate", "false");
        conf.put("db.tx_log.rotation.retention_policy", "2 files");
        conf.put("db.logs.query.enabled", "OFF");
        conf.put("dbms.usage_report.enabled", "false");
        // The read-only boundary's backstops (the application refuses these first): no LOAD CSV from
        // the server's files, none from the network, and a memory cap per transaction and in total,
        // so a query that builds a huge list or product fails alone instead of taking the heap.
        conf.put("dbms.security.allow_csv_import_from_file_urls", "false");
        conf.put("internal.dbms.cypher_ip_blocklist", "0.0.0.0/0,::/0");
        conf.put("db.memory.transaction.max", txMemory);
        conf.put("dbms.memory.transaction.total.max", totalTxMemory);
        // Stop promptly even while a query runs: open transactions are terminated after this long.
        conf.put("db.shutdown_transaction_end_timeout", "2s");
        // Netty's graceful shutdown defaults to a 5s quiet period per event loop group (boss + worker),
        // which makes every stop take ~10s. Tests don't need that.
        conf.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");
        conf.put("internal.dbms.bolt.netty_server_shutdown_timeout", "2");
        final String logDir = System.getenv("NEO4J_TEST_LOG_DIR");
        if (logDir != null && !logDir.isBlank()) {
            Path dir = Paths.get(logDir).toAbsolutePath();
            Files.createDirectories(dir);
            conf.put("server.directories.logs", dir.toString());
        }
        final Path confFile = home.resolve("neo4j.conf");
        try (Writer w = Files.newBufferedWriter(confFile, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> e : conf.entrySet()) {
                w.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        }

        final int port;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .loadPropertiesFromFile(confFile)
                    .setUserLogProvider(new Log4jLogProvider(System.err, Level.INFO))
                    .build();
            GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(DEFAULT_DATABASE);
            if (!db.isAvailable(120_000)) {
                throw new IllegalStateException("database '" + DEFAULT_DATABASE + "' did not become available");
            }
            port = boltPort(db, requestedPort);
            waitForPort(port, 30_000);
        } catch (Throwable t) {
            t.printStackTrace(System.err);
            // Summary last, so it is visible at the end of the log.
            for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c.getClass().getSimpleName().equals("PortBindException")) {
                    log("Bolt port " + requestedPort + " is already in use (set NEO4J_TEST_PORT=0 for a free port)");
                }
                if (c.getCause() == null) {
                    log("startup failed: " + c);
                }
            }
            System.exit(1);
            return;
        }

        if ("1".equals(System.getenv("NEO4J_TEST_EXIT_ON_STDIN_EOF"))) {
            startStdinWatcher();
        }

        log(String.format("ready in %d ms", (System.nanoTime() - t0) / 1_000_000));
        realOut.println("NEO4J_URI=bolt://127.0.0.1:" + port);
        realOut.flush();

        // Stay alive until a signal (or stdin EOF) triggers System.exit -> shutdown hook.
        Thread.currentThread().join();
    }

    private static int boltPort(GraphDatabaseAPI db, int requestedPort) {
        try {
            ConnectorPortRegister reg = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
            HostnamePort hp = reg.getLocalAddress(ConnectorType.BOLT);
            if (hp != null && hp.getPort() > 0) {
                return hp.getPort();
            }
        } catch (RuntimeException e) {
            log("could not read bound Bolt port: " + e);
        }
        if (requestedPort == 0) {
            throw new IllegalStateException("Bolt port unknown (NEO4J_TEST_PORT=0)");
        }
        return requestedPort;
    }

    private static void waitForPort(int port, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Bolt not reachable on 127.0.0.1:" + port, e);
                }
                Thread.sleep(100);
            }
        }
    }

    @SuppressWarnings("restriction")
    private static void installSignalHandlers() {
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            try {
                // Replacing the JVM's default handler makes the exit status 0 instead of 128+signo;
                // System.exit still runs the shutdown hooks.
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    log("received SIG" + sig.getName() + ", shutting down");
                    System.exit(0);
                });
            } catch (IllegalArgumentException e) {
                log("cannot handle SIG" + name + ": " + e.getMessage());
            }
        }
    }

    private static void startStdinWatcher() {
        Thread t = new Thread(() -> {
            try {
                InputStream in = System.in;
                byte[] buf = new byte[256];
                while (in.read(buf) >= 0) {
                    // ignore input
                }
            } catch (IOException ignored) {
                // treat as EOF
            }
            log("stdin closed, shutting down");
            System.exit(0);
        }, "neo4j-test-server-stdin");
        t.setDaemon(true);
        t.start();
    }

    private static void shutdown(boolean keepData) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        long t0 = System.nanoTime();
        DatabaseManagementService s = dbms;
        if (s != null) {
            try {
                s.shutdown();
            } catch (Throwable t) {
                log("error during shutdown: " + t);
            }
        }
        Path h = home;
        if (h != null) {
            if (keepData) {
                log("keeping data in " + h);
            } else {
                deleteRecursively(h);
            }
        }
        log(String.format("stopped in %d ms", (System.nanoTime() - t0) / 1_000_000));
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log("could not delete " + p + ": " + e.getMessage());
                }
            });
        } catch (IOException e) {
            log("could not delete " + root + ": " + e.getMessage());
        }
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v.trim();
    }

    private static int intEnv(String name, int def) {
        String v = env(name, null);
        if (v == null) {
            return def;
        }
        try {
            int p = Integer.parseInt(v);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            System.err.println("[neo4j-test-server] invalid " + name + "=" + v);
            System.exit(2);
            return def;
        }
    }

    private static void log(String msg) {
        System.err.println("[neo4j-test-server] " + msg);
        System.err.flush();
    }
}
