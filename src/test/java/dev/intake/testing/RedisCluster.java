package dev.intake.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.lettuce.core.MigrateArgs;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;

/**
 * A real Redis Cluster of three masters without replicas on loopback ports, started once
 * per JVM on first use from the {@code redis-server} on the {@code PATH} (Debian's
 * {@code redis-server}, which {@code .ci/run} installs), or else the one the
 * embedded-redis test dependency ships, with its files under {@code target/}; the cluster
 * is formed with Lettuce, so no {@code redis-cli} is needed. Every node is a child
 * process of this JVM, stopped by its PID when the JVM exits. A node may be stopped and
 * started again on the same port, where it takes its slots back (without its data:
 * nothing is persisted). Nodes time out after {@link #NODE_TIMEOUT}, and the other
 * masters go on serving their slots while one is down
 * ({@code cluster-require-full-coverage no}).
 */
public final class RedisCluster {

	public static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * The redis-server (6.2, cluster-capable) in the embedded-redis jar, for Linux
	 * x86-64.
	 */
	private static final String EMBEDDED_SERVER = "redis-server-6.2.6-v5-linux-amd64";

	private static RedisCluster running;

	private final Path directory;

	private final List<Integer> ports;

	private final Map<Integer, Process> processes = new ConcurrentHashMap<>();

	private RedisCluster(Path directory, List<Integer> ports) {
		this.directory = directory;
		this.ports = ports;
	}

	/** The cluster of this JVM, started on first use. */
	public static synchronized RedisCluster get() {
		if (running == null) {
			running = start();
		}
		return running;
	}

	/** {@code spring.data.redis.cluster.nodes}: every node as {@code host:port}. */
	public String nodes() {
		return this.ports.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	public List<Integer> ports() {
		return this.ports;
	}

	/** The port of the node that serves the slot of this key now. */
	public int portServing(String key) {
		int slot = SlotHash.getSlot(key);
		for (int port : this.ports) {
			if (isRunning(port) && ownSlots(port).stream().anyMatch((range) -> range[0] <= slot && slot <= range[1])) {
				return port;
			}
		}
		throw new IllegalStateException("No running node serves slot " + slot + " of " + key);
	}

	/** Stops a node with SIGTERM, as a crash of its machine would make it disappear. */
	public void stop(int port) {
		Process process = this.processes.remove(port);
		if (process != null) {
			process.destroy();
			waitFor(process);
		}
	}

	/** Starts a stopped node again and waits until the cluster is whole. */
	public void restart(int port) {
		this.processes.put(port, launch(port));
		awaitPing(port);
		awaitClusterOk();
	}

	public boolean isRunning(int port) {
		Process process = this.processes.get(port);
		return process != null && process.isAlive();
	}

	/**
	 * The ids of every entry of a stream, oldest first, read from the node serving it.
	 */
	public List<String> entryIds(String key) {
		return onNode(portServing(key),
				(connection) -> connection.sync()
					.xrange(key, Range.create("-", "+"))
					.stream()
					.map(StreamMessage::getId)
					.toList());
	}

	/**
	 * Moves the slot of this key, with its keys, to the master on {@code toPort}, as
	 * {@code redis-cli --cluster reshard} does: importing and migrating states,
	 * {@code MIGRATE} of every key, then the new owner announced to every node.
	 */
	public void moveSlot(String key, int toPort) {
		int slot = SlotHash.getSlot(key);
		int fromPort = portServing(key);
		String from = onNode(fromPort, (connection) -> connection.sync().clusterMyId());
		String to = onNode(toPort, (connection) -> connection.sync().clusterMyId());
		onNode(toPort, (connection) -> connection.sync().clusterSetSlotImporting(slot, from));
		onNode(fromPort, (connection) -> {
			RedisCommands<String, String> source = connection.sync();
			source.clusterSetSlotMigrating(slot, to);
			List<String> keys = source.clusterGetKeysInSlot(slot, 100);
			while (!keys.isEmpty()) {
				source.migrate("127.0.0.1", toPort, 0, 5_000, MigrateArgs.Builder.keys(keys));
				keys = source.clusterGetKeysInSlot(slot, 100);
			}
			return null;
		});
		onNode(toPort, (connection) -> connection.sync().clusterSetSlotNode(slot, to));
		onNode(fromPort, (connection) -> connection.sync().clusterSetSlotNode(slot, to));
		this.ports.stream()
			.filter((port) -> port != toPort && port != fromPort && isRunning(port))
			.forEach((port) -> onNode(port, (connection) -> connection.sync().clusterSetSlotNode(slot, to)));
	}

	/** The keys matching a {@code KEYS} pattern, on every running node. */
	public List<String> keysMatching(String pattern) {
		return this.ports.stream()
			.filter(this::isRunning)
			.flatMap((port) -> onNode(port, (connection) -> connection.sync().keys(pattern)).stream())
			.toList();
	}

	/** {@code CLUSTER INFO} of a node. */
	public String info(int port) {
		return onNode(port, (connection) -> connection.sync().clusterInfo());
	}

	/** {@code DBSIZE} of a node. */
	public long keyCount(int port) {
		return onNode(port, (connection) -> connection.sync().dbsize());
	}

	/** {@code CLIENT LIST} of a node. */
	public String clients(int port) {
		return onNode(port, (connection) -> connection.sync().clientList());
	}

	private static RedisCluster start() {
		Path directory = Path.of("target", "redis-cluster-" + UUID.randomUUID().toString().substring(0, 8))
			.toAbsolutePath();
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<Integer> ports = new ArrayList<>();
		while (ports.size() < 3) {
			int port = freeNodePort();
			if (!ports.contains(port)) {
				ports.add(port);
			}
		}
		RedisCluster cluster = new RedisCluster(directory, List.copyOf(ports));
		Runtime.getRuntime().addShutdownHook(new Thread(cluster::stopAll));
		for (int port : ports) {
			cluster.processes.put(port, cluster.launch(port));
		}
		ports.forEach(cluster::awaitPing);
		cluster.create();
		cluster.awaitClusterOk();
		return cluster;
	}

	private Process launch(int port) {
		List<String> command = List.of(serverBinary(this.directory), "--port", Integer.toString(port), "--bind",
				"127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
				"--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toMillis()), "--cluster-require-full-coverage",
				"no", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--dir", this.directory.toString());
		try {
			return new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(
						ProcessBuilder.Redirect.appendTo(this.directory.resolve("redis-" + port + ".log").toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start redis-server (Debian package redis-server) on " + port,
					ex);
		}
	}

	/**
	 * The {@code redis-server} on the {@code PATH}, or else the Linux x86-64 one that the
	 * embedded-redis test dependency ships, copied into {@code directory}.
	 */
	private static String serverBinary(Path directory) {
		for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path onPath = Path.of(folder, "redis-server");
			if (!folder.isEmpty() && Files.isExecutable(onPath)) {
				return onPath.toString();
			}
		}
		Path shipped = directory.resolve(EMBEDDED_SERVER);
		try (InputStream binary = RedisCluster.class.getResourceAsStream("/" + EMBEDDED_SERVER)) {
			if (binary == null) {
				throw new IllegalStateException("No redis-server on the PATH and none shipped for this platform");
			}
			if (!Files.exists(shipped)) {
				Files.copy(binary, shipped);
				shipped.toFile().setExecutable(true);
			}
			return shipped.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitPing(int port) {
		await(() -> "PONG".equals(onNode(port, (connection) -> connection.sync().ping())), "redis-server on " + port);
	}

	private void awaitClusterOk() {
		await(() -> this.ports.stream().allMatch((port) -> info(port).contains("cluster_state:ok")),
				"cluster_state:ok on every node");
	}

	private List<int[]> ownSlots(int port) {
		String myself = onNode(port, (connection) -> connection.sync().clusterNodes()).lines()
			.filter((line) -> line.contains("myself"))
			.findFirst()
			.orElse("");
		String[] fields = myself.split(" ");
		List<int[]> ranges = new ArrayList<>();
		for (int i = 8; i < fields.length; i++) {
			if (fields[i].startsWith("[")) {
				continue;
			}
			String[] bounds = fields[i].split("-");
			int from = Integer.parseInt(bounds[0]);
			ranges.add(new int[] { from, (bounds.length > 1) ? Integer.parseInt(bounds[1]) : from });
		}
		return ranges;
	}

	private static <T> T onNode(int port, java.util.function.Function<StatefulRedisConnection<String, String>, T> use) {
		RedisClient client = RedisClient
			.create(RedisURI.builder().withHost("127.0.0.1").withPort(port).withTimeout(Duration.ofSeconds(5)).build());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return use.apply(connection);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	private static void await(java.util.function.BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + Timeouts.PATIENCE.toNanos();
		RuntimeException last = null;
		while (System.nanoTime() < deadline) {
			try {
				if (condition.getAsBoolean()) {
					return;
				}
			}
			catch (RuntimeException ex) {
				last = ex;
			}
			sleep(Duration.ofMillis(100));
		}
		throw new IllegalStateException("No " + what + " within " + Timeouts.PATIENCE, last);
	}

	/**
	 * What {@code redis-cli --cluster create --cluster-replicas 0} does: each node takes
	 * an equal range of the 16384 slots, and the first node meets the others.
	 */
	private void create() {
		int nodes = this.ports.size();
		for (int n = 0; n < nodes; n++) {
			int[] slots = IntStream.range(SlotHash.SLOT_COUNT * n / nodes, SlotHash.SLOT_COUNT * (n + 1) / nodes)
				.toArray();
			onNode(this.ports.get(n), (connection) -> connection.sync().clusterAddSlots(slots));
		}
		for (int port : this.ports.subList(1, nodes)) {
			onNode(this.ports.get(0), (connection) -> connection.sync().clusterMeet("127.0.0.1", port));
		}
	}

	private void stopAll() {
		this.processes.values().forEach(Process::destroy);
		this.processes.values().forEach(RedisCluster::waitFor);
	}

	private static void waitFor(Process process) {
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	// A node needs its port and its cluster bus port, 10000 higher, free.
	private static int freeNodePort() {
		while (true) {
			int port = ThreadLocalRandom.current().nextInt(20_000, 55_535);
			if (isFree(port) && isFree(port + 10_000)) {
				return port;
			}
		}
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
