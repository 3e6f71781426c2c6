package dev.intake.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in this JVM between the application and a server, to take the server away
 * and give it back whatever server the tests use: {@link #cut()} closes every connection
 * and turns new ones away until {@link #restore()}; {@link #blackhole()} keeps every
 * connection open and takes new ones, but nothing gets through in either direction, as
 * when a network drops packets without a reset. One thread per direction of each
 * connection; fine for tests.
 */
public final class TcpProxy implements AutoCloseable {

	private final InetSocketAddress target;

	private final ServerSocket server;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private boolean cut;

	private volatile boolean blackholed;

	private TcpProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::acceptAll, "tcp-proxy-" + this.server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** Starts a proxy on a free local port to the given server. */
	public static TcpProxy to(String host, int port) {
		try {
			return new TcpProxy(new InetSocketAddress(host, port));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String host() {
		return this.server.getInetAddress().getHostAddress();
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Closes every connection, and new ones right after they are accepted. */
	public synchronized void cut() {
		this.cut = true;
		this.open.forEach(TcpProxy::closeQuietly);
		this.open.clear();
	}

	/**
	 * Swallows every byte from now on, both ways, on open connections and on new ones,
	 * which are accepted but never reach the server; nothing is closed.
	 */
	public synchronized void blackhole() {
		this.blackholed = true;
	}

	/**
	 * Lets new connections through again. Connections open during a blackhole are closed
	 * (their bytes were lost), as a peer that comes back does with connections it lost.
	 */
	public synchronized void restore() {
		if (this.blackholed) {
			this.blackholed = false;
			this.open.forEach(TcpProxy::closeQuietly);
			this.open.clear();
		}
		this.cut = false;
	}

	@Override
	public void close() {
		cut();
		closeQuietly(this.server);
	}

	private void acceptAll() {
		while (!this.server.isClosed()) {
			try {
				relay(this.server.accept());
			}
			catch (IOException ex) {
				// The server socket was closed, or one connection failed: go on or stop.
			}
		}
	}

	private void relay(Socket client) throws IOException {
		if (this.blackholed) {
			this.open.add(client);
			pump(client, OutputStream.nullOutputStream());
			return;
		}
		Socket upstream = new Socket();
		try {
			upstream.connect(this.target, 2000);
		}
		catch (IOException ex) {
			closeQuietly(client);
			throw ex;
		}
		synchronized (this) {
			if (this.cut) {
				closeQuietly(client);
				closeQuietly(upstream);
				return;
			}
			this.open.add(client);
			this.open.add(upstream);
		}
		pump(client, upstream.getOutputStream());
		pump(upstream, client.getOutputStream());
	}

	// Relays what one socket sends, closing both ends when it ends.
	private void pump(Socket from, OutputStream to) {
		Thread pump = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					if (!this.blackholed) {
						out.write(buffer, 0, read);
						out.flush();
					}
				}
			}
			catch (IOException ex) {
				// Cut or closed: close both sides below.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.open.remove(from);
			}
		}, "tcp-proxy-pump");
		pump.setDaemon(true);
		pump.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Already closed.
		}
	}

}
