package org.memfabric.log;

import org.memfabric.api.log.ExternalLogger;
import org.memfabric.api.log.FabricLog;
import org.memfabric.api.log.LogLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Routes MemFabric logging to the container's OSGi LogService while one is present, and applies the configured
 * level (PID {@code org.memfabric.log}, e.g. {@code etc/org.memfabric.log.cfg} in Karaf with {@code level=1}).
 * A user's external logger still takes precedence (see {@link FabricLog}).
 */
@Component(name = "org.memfabric.log", immediate = true, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LogBridgeComponent.Config.class)
public final class LogBridgeComponent {
    /** Configuration of the log bridge. */
    @ObjectClassDefinition(name = "MemFabric logging", description = "Level and routing of MemFabric log lines.")
    public @interface Config {
        /**
         * The level: 0 debug, 1 info, 2 warn, 3 error.
         *
         * @return the level
         */
        @AttributeDefinition(description = "0 debug, 1 info, 2 warn, 3 error")
        int level() default 3;
    }

    @Reference
    private LoggerFactory loggerFactory;

    private ExternalLogger bridge;

    /**
     * Installs the bridge and applies the level.
     *
     * @param config the configuration
     */
    @Activate
    void activate(final Config config) {
        bridge = new LogServiceLogger(loggerFactory.getLogger("org.memfabric"));
        FabricLog.setLevel(LogLevel.of(config.level()));
        FabricLog.setContainerLogger(bridge);
    }

    /**
     * Applies a changed level.
     *
     * @param config the configuration
     */
    @Modified
    void modified(final Config config) {
        FabricLog.setLevel(LogLevel.of(config.level()));
    }

    /** Removes the bridge. */
    @Deactivate
    void deactivate() {
        FabricLog.clearContainerLogger(bridge);
    }
}
