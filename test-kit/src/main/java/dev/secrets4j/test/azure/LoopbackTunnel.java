package dev.secrets4j.test.azure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP {@code CONNECT} proxy on 127.0.0.1, one per JVM, that tunnels a host name to a local server's port: the
 * way clients reach the local vaults and token endpoint under real-looking names ({@code kv40123.vault.azure.net},
 * {@code login.microsoftonline.com}) without DNS, so that the SDK's checks that depend on the name (the bearer
 * challenge's resource must match the vault's domain) run as in production. A name no local server has claimed is
 * refused with {@code 502}: a test client never reaches the real service. Loopback addresses are not proxied.
 */
final class LoopbackTunnel {
  private static final LoopbackTunnel INSTANCE = start();

  private final ServerSocket server;
  private final Map<String, Integer> routes = new ConcurrentHashMap<>();
  private final ProxySelector selector;

  private LoopbackTunnel(ServerSocket server) {
    this.server = server;
    Proxy proxy = new Proxy(Proxy.Type.HTTP, server.getLocalSocketAddress());
    this.selector = new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost();
        return host.equals("127.0.0.1") || host.equals("localhost") || host.startsWith("[")
            ? List.of(Proxy.NO_PROXY) : List.of(proxy);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // nothing to try instead
      }
    };
  }

  static LoopbackTunnel get() {
    return INSTANCE;
  }

  /** Tunnels {@code host} (any port asked for) to {@code port} on 127.0.0.1 from now on. */
  void route(String host, int port) {
    routes.put(host.toLowerCase(Locale.ROOT), port);
  }

  /** Stops tunnelling {@code host}, if it still goes to {@code port}. */
  void unroute(String host, int port) {
    routes.remove(host.toLowerCase(Locale.ROOT), port);
  }

  /** Sends every host but loopback addresses through this tunnel. */
  ProxySelector proxySelector() {
    return selector;
  }

  private static LoopbackTunnel start() {
    try {
      ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      LoopbackTunnel t = new LoopbackTunnel(s);
      daemon("loopback-tunnel-accept", t::acceptLoop).start();
      return t;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the loopback tunnel on 127.0.0.1", e);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        daemon("loopback-tunnel", () -> serve(client)).start();
      } catch (IOException e) {
        // keep accepting: one failed accept is one failed connection
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      String[] request = requestLine(client.getInputStream()).split(" ");
      OutputStream toClient = client.getOutputStream();
      Integer port = null;
      if (request.length >= 2 && request[0].equals("CONNECT")) {
        String authority = request[1];
        int colon = authority.lastIndexOf(':');
        port = routes.get((colon < 0 ? authority : authority.substring(0, colon)).toLowerCase(Locale.ROOT));
      }
      if (port == null) {
        toClient.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        return;
      }
      try (Socket target = new Socket()) {
        target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        toClient.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        toClient.flush();
        Thread up = daemon("loopback-tunnel-up", () -> pump(client, target));
        up.start();
        pump(target, client);
      }
    } catch (IOException e) {
      // either side went away: the tunnel ends with it
    }
  }

  /** Copies {@code from} to {@code to} until either ends, then closes both (a dropped connection stays dropped). */
  private static void pump(Socket from, Socket to) {
    byte[] buf = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // ends the tunnel below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /** The request line of the proxy request; its headers are read and dropped, byte by byte up to the blank line. */
  private static String requestLine(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length && head.size() < 8192) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    int eol = text.indexOf("\r\n");
    return eol < 0 ? text : text.substring(0, eol);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }
}
