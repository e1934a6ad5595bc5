package org.memfabric.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.memfabric.api.log.FabricLog;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.log.LogLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

class LogServiceLoggerTest {
    @AfterEach
    void reset() {
        FabricLog.setLevel(LogLevel.ERROR);
        FabricLog.setContainerLogger(null);
        FabricLog.clearExternalLogger();
    }

    @Test
    void shouldForwardEachLevelToTheMatchingOsgiLoggerMethod() {
        final List<String> calls = new ArrayList<>();
        final Logger osgi = (Logger) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Logger.class},
            (proxy, method, args) -> {
                calls.add(method.getName() + ":" + args[0]);
                return null;
            });
        final LogServiceLogger bridge = new LogServiceLogger(osgi);
        FabricLog.setContainerLogger(bridge);
        FabricLog.setLevel(LogLevel.DEBUG);
        final FabricLogger log = FabricLogger.of("test");
        log.debug(() -> "d");
        log.info("i");
        log.warn("w");
        log.error("e");
        assertEquals(List.of("debug:[test] d", "info:[test] i", "warn:[test] w", "error:[test] e"), calls);
    }

    @Test
    void shouldPreferTheUsersExternalLoggerOverTheContainerBridge() {
        final List<String> user = new ArrayList<>();
        final List<String> container = new ArrayList<>();
        FabricLog.setContainerLogger((level, message) -> container.add(message));
        FabricLog.setExternalLogger((level, message) -> user.add(level + " " + message));
        FabricLogger.of("x").error("boom");
        assertEquals(List.of("ERROR boom"), user);
        assertEquals(List.of(), container);
    }
}
