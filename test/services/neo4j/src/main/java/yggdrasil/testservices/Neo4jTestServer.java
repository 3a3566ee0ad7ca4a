package yggdrasil.testservices;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Test-only launcher for the real Neo4j Community DBMS with its Bolt connector on loopback.
 *
 * <pre>
 * java -cp ... yggdrasil.testservices.Neo4jTestServer PORT HOME_DIR [PASSWORD]
 * </pre>
 *
 * The password comes from the third argument, else from NEO4J_PASSWORD; it must have at least
 * 8 characters. Authentication is on: user {@code neo4j} gets that password (no change required).
 * Prints {@code NEO4J READY bolt://127.0.0.1:PORT} once Bolt accepts connections and the password
 * is set. Shuts down cleanly on SIGTERM/SIGINT (shutdown hook) and when standard input reaches
 * end-of-file (the parent died or closed it), unless NEO4J_WATCH_STDIN=0.
 */
public final class Neo4jTestServer {
    private static final String USER = "neo4j";

    private Neo4jTestServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Neo4jTestServer PORT HOME_DIR [PASSWORD]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path home = Path.of(args[1]).toAbsolutePath();
        String password = args.length >= 3 ? args[2] : System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("NEO4J ERROR password (arg 3 or NEO4J_PASSWORD) must have at least 8 characters");
            System.exit(2);
        }
        Files.createDirectories(home);

        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt waits 2 x 5 s on shutdown by default; a throwaway test server need not.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(100))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        System.out.println("NEO4J DBMS up after " + (System.nanoTime() - started) / 1_000_000 + " ms");
        System.out.flush();

        AtomicBoolean stopped = new AtomicBoolean(false);
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                System.out.println("NEO4J STOPPING");
                System.out.flush();
                try {
                    dbms.shutdown();
                } catch (RuntimeException e) {
                    e.printStackTrace();
                }
                System.out.println("NEO4J STOPPED");
                System.out.flush();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-test-server-shutdown"));

        // Embedded transactions run with full access, so the system database accepts this
        // although Bolt clients must authenticate. The initial user neo4j/neo4j would otherwise
        // have to change its password on first login.
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        system.executeTransactionally(
                "ALTER USER " + USER + " SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));
        // Wait until the default database is usable, not only the system one.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");

        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("NEO4J READY bolt://127.0.0.1:" + port + " (started in " + ms + " ms)");
        System.out.flush();

        if (!"0".equals(System.getenv("NEO4J_WATCH_STDIN"))) {
            Thread watcher = new Thread(() -> {
                try (InputStream in = System.in) {
                    byte[] buffer = new byte[256];
                    while (in.read(buffer) >= 0) {
                        // ignore anything written to us; only end-of-file matters
                    }
                } catch (IOException ignored) {
                    // treat a broken stdin like end-of-file
                }
                System.out.println("NEO4J stdin closed, shutting down");
                System.exit(0); // runs the shutdown hook
            }, "neo4j-test-server-stdin");
            watcher.setDaemon(true);
            watcher.start();
        }
        // The DBMS's own non-daemon threads keep the JVM alive until shutdown.
        Thread.currentThread().join();
    }
}
