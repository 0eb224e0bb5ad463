package cn.tongyou.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Small helpers for local TCP ports (everything here binds to 127.0.0.1 only). */
public final class Ports {

    private Ports() {
    }

    /** A port that was free a moment ago on 127.0.0.1 (the usual race applies: use it at once). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free local port", e);
        }
    }

    /** Whether nothing listens on {@code port}, neither on 127.0.0.1 nor on the wildcard address. */
    public static boolean isFree(int port) {
        return canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                && canBind(new InetSocketAddress(port));
    }

    private static boolean canBind(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            // SO_REUSEADDR (Linux default for Java server sockets) would let a port in TIME_WAIT count as free,
            // which is what the servers we start do too.
            socket.setReuseAddress(true);
            socket.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
