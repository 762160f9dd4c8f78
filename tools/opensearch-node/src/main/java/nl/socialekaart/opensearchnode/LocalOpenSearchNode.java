package nl.socialekaart.opensearchnode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.Version;
import org.opensearch.analysis.common.CommonAnalysisModulePlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.index.mapper.MapperExtrasModulePlugin;
import org.opensearch.index.reindex.ReindexModulePlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessModulePlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.PluginInfo;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * Starts a single-node OpenSearch cluster inside this JVM for local tests.
 *
 * <p>The node binds HTTP and transport to 127.0.0.1, serves plain HTTP without
 * the security plugin, and loads its plugin modules from the classpath instead
 * of a plugins directory. Once HTTP accepts requests it writes the bound port
 * to {@code <home>/http.port} and prints one line to stdout:
 * {@code OPENSEARCH_READY port=<port> version=<version> pid=<pid>}.
 * SIGTERM or SIGINT closes the node and ends the JVM.
 */
public final class LocalOpenSearchNode {

    static final String PORT_FILE_NAME = "http.port";
    static final String READY_PREFIX = "OPENSEARCH_READY";
    static final String STARTUP_FAILURE_PREFIX = "failed to start the OpenSearch node";

    private static final long CLOSE_TIMEOUT_SECONDS = 30;
    private static final long PARENT_POLL_MILLIS = 1000;

    private static final String USAGE = String.join(
        "\n",
        "Usage: LocalOpenSearchNode [--home DIR] [--http-port PORT] [--cluster-name NAME] [--parent-pid PID]",
        "  --home DIR           node home; data, logs and http.port go here (default: a new temporary directory)",
        "  --http-port PORT     HTTP port on 127.0.0.1; 0 picks a free port (default: 0)",
        "  --cluster-name NAME  cluster name (default: socialekaart-test)",
        "  --parent-pid PID     close the node when process PID exits (default: off)"
    );

    /**
     * Node subclass that exists only to reach the protected constructor, which
     * takes plugins that are already on the classpath.
     */
    private static final class ClasspathPluginNode extends Node {
        ClasspathPluginNode(Environment environment, List<PluginInfo> classpathPlugins) {
            super(environment, classpathPlugins, true);
        }
    }

    /** Command-line options after validation. */
    private record Options(Path home, int httpPort, String clusterName, long parentPid) {}

    private LocalOpenSearchNode() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parseOptions(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }

        Path home = options.home().toAbsolutePath();
        Path configDir = home.resolve("config");
        Files.createDirectories(configDir);
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));
        Path portFile = home.resolve(PORT_FILE_NAME);
        Files.deleteIfExists(portFile);

        Settings settings = nodeSettings(home, options);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings,
            Collections.emptyMap(),
            configDir,
            () -> "local-node"
        );

        CountDownLatch closed = new CountDownLatch(1);
        int port;
        try {
            Node node = new ClasspathPluginNode(environment, classpathPlugins());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeNode(node, closed), "opensearch-node-shutdown"));
            node.start();

            HttpServerTransport http = node.injector().getInstance(HttpServerTransport.class);
            port = http.boundAddress().publishAddress().getPort();
            writePortFile(portFile, port);
        } catch (Exception e) {
            // start-node searches the log for this line to report the cause.
            System.err.println(STARTUP_FAILURE_PREFIX + " in " + home + ": " + e);
            e.printStackTrace();

            // The node may have started non-daemon threads, so returning from
            // main could leave the JVM running. exit() also runs the shutdown hook.
            System.exit(1);
            return;
        }

        String version = Version.CURRENT.toString();
        System.out.printf(
            Locale.ROOT,
            "%s port=%d version=%s pid=%d home=%s%n",
            READY_PREFIX,
            port,
            version,
            ProcessHandle.current().pid(),
            home
        );
        System.out.flush();

        if (options.parentPid() > 0) {
            startParentWatcher(options.parentPid());
        }

        // The node's own threads keep the JVM alive; waiting here keeps main
        // from returning before the shutdown hook has closed the node.
        closed.await();
    }

    private static Options parseOptions(String[] args) {
        Path home = null;
        int httpPort = 0;
        String clusterName = "socialekaart-test";
        long parentPid = 0;

        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for option " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--home" -> home = Path.of(value);
                case "--http-port" -> httpPort = parseInteger(name, value, 0, 65535);
                case "--cluster-name" -> clusterName = value;
                case "--parent-pid" -> parentPid = parseInteger(name, value, 1, Integer.MAX_VALUE);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }

        if (home == null) {
            try {
                home = Files.createTempDirectory("opensearch-node-");
            } catch (IOException e) {
                throw new UncheckedIOException("failed to create a temporary node home", e);
            }
        }
        return new Options(home, httpPort, clusterName, parentPid);
    }

    private static int parseInteger(String option, String value, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for " + option + ": '" + value + "' is not an integer");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(
                "invalid value for " + option + ": " + parsed + " is outside " + min + ".." + max
            );
        }
        return parsed;
    }

    private static Settings nodeSettings(Path home, Options options) {
        return Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", options.clusterName())
            .put("node.name", "local-node")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", Integer.toString(options.httpPort()))
            // Port 0 lets the kernel pick a free transport port. Clients use
            // only the HTTP port.
            .put("transport.port", "0")
            // Index settings are not allowed in node settings, so the default
            // replica count comes from this cluster setting. With 0 replicas a
            // single node reaches green.
            .put("cluster.default_number_of_replicas", 0)
            // A test node on a nearly full disk must still accept writes, so
            // the disk watermarks are off.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
    }

    /**
     * Describes the plugin modules on the classpath. Names match the module
     * names of a packaged OpenSearch, so {@code GET _cat/plugins} reads the same,
     * and analysis-common is declared as an extension of lang-painless so that
     * Painless loads its analysis script contexts.
     */
    private static List<PluginInfo> classpathPlugins() {
        return List.of(
            pluginInfo("transport-netty4", Netty4ModulePlugin.class, List.of()),
            pluginInfo("lang-painless", PainlessModulePlugin.class, List.of()),
            pluginInfo("analysis-common", CommonAnalysisModulePlugin.class, List.of("lang-painless")),
            pluginInfo("mapper-extras", MapperExtrasModulePlugin.class, List.of()),
            pluginInfo("reindex", ReindexModulePlugin.class, List.of())
        );
    }

    private static PluginInfo pluginInfo(String name, Class<? extends Plugin> pluginClass, List<String> extendedPlugins) {
        return new PluginInfo(
            name,
            "classpath plugin " + name,
            Version.CURRENT.toString(),
            Version.CURRENT,
            Integer.toString(Runtime.version().feature()),
            pluginClass.getName(),
            extendedPlugins,
            false
        );
    }

    /** Writes the port through a temporary file so readers never see a partial value. */
    private static void writePortFile(Path portFile, int port) throws IOException {
        Path temporary = portFile.resolveSibling(PORT_FILE_NAME + ".tmp");
        Files.writeString(temporary, port + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Exits the JVM, which runs the shutdown hook, once the parent process has ended. */
    private static void startParentWatcher(long parentPid) {
        Thread watcher = new Thread(() -> {
            while (ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(PARENT_POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            System.err.println("parent process " + parentPid + " has exited, closing the node");
            System.exit(0);
        }, "opensearch-node-parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void closeNode(Node node, CountDownLatch closed) {
        try {
            node.close();
            if (node.awaitClose(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS) == false) {
                System.err.println("node did not close within " + CLOSE_TIMEOUT_SECONDS + " s, exiting anyway");
            }
        } catch (IOException e) {
            System.err.println("failed to close the node: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed.countDown();
        }
    }
}
