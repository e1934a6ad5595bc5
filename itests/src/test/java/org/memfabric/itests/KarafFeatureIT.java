package org.memfabric.itests;

import static org.junit.Assert.assertSame;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.when;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.memfabric.api.MemFabric;
import org.memfabric.api.bm.BigMemoryService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.ExamFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.container.internal.KarafTestContainerFactory;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * The {@code memfabric-all} feature, taken from the features module's generated descriptor, installed into a
 * stock Karaf distribution: every MemFabric bundle starts, every DS component activates and the module services
 * are registered.
 */
@RunWith(PaxExam.class)
@ExamFactory(KarafTestContainerFactory.class)
@ExamReactorStrategy(PerClass.class)
public class KarafFeatureIT {
    private static final long INSTALL_TIMEOUT_MS = 30_000;

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    /**
     * Karaf with the MemFabric features repository and {@code memfabric-all} as a boot feature.
     *
     * @return the options
     */
    @Configuration
    public Option[] config() {
        final File workDir = new File(MemFabricBundles.workDir("karaf-feature"));
        final File featuresXml = ReactorFeatures.withReactorJars(new File(workDir, "memfabric-features.xml"));
        return options(
            karafDistributionConfiguration()
                .frameworkUrl(maven("org.apache.karaf", "apache-karaf").type("tar.gz").versionAsInProject())
                .karafVersion(System.getProperty("karaf.version"))
                .name("Apache Karaf")
                .unpackDirectory(new File(workDir, "unpack"))
                .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.WARN),
            // Karaf resolves mvn: URLs itself; point it at the build's local repository (pitfall 3).
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                localRepository()),
            // No ssh, JMX or deployer: the test needs only the feature service and SCR.
            editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "featuresBoot",
                "framework, feature, bundle, config, log, scr"),
            features(featuresXml.toURI().toString(), "memfabric-all"),
            KarafJdk17.vmOptions(),
            systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
            // -Dmemfabric.itest.keepKaraf=true keeps target/paxexam/karaf-feature/unpack/<id> (etc/, data/log/).
            when(Boolean.getBoolean("memfabric.itest.keepKaraf")).useOptions(keepRuntimeFolder()));
    }

    @Test
    public void shouldStartEveryMemFabricBundleOfTheAllFeature() throws InterruptedException {
        final String problem = Deadline.awaitNoProblem(INSTALL_TIMEOUT_MS,
            () -> ContainerState.bundlesNotActive(context));
        Problems.assertNone("MemFabric bundles not ACTIVE in Karaf after installing memfabric-all", problem);
    }

    @Test
    public void shouldActivateEveryDsComponentOfTheMemFabricBundles() throws InterruptedException {
        final String problem = Deadline.awaitNoProblem(INSTALL_TIMEOUT_MS,
            () -> ContainerState.componentsNotActivated(context, scr));
        Problems.assertNone("MemFabric DS components not ACTIVE or SATISFIED in Karaf", problem);
    }

    @Test
    public void shouldRegisterTheModuleServicesAndATransport() throws InterruptedException {
        final String problem = Deadline.awaitNoProblem(INSTALL_TIMEOUT_MS,
            () -> ContainerState.servicesMissing(context));
        Problems.assertNone("module services missing in Karaf", problem);
    }

    @Test
    public void shouldHandOutTheRegisteredBigMemoryServiceThroughTheFacade() throws InterruptedException {
        final BigMemoryService bigMemory = ContainerState.awaitService(context, BigMemoryService.class,
            INSTALL_TIMEOUT_MS);
        assertSame("MemFabric.bigMemory() is not the registered BigMemoryService in Karaf",
            bigMemory, MemFabric.bigMemory());
    }

    private static String localRepository() {
        final String repository = System.getProperty("org.ops4j.pax.url.mvn.localRepository");
        if (repository == null || repository.isBlank()) {
            throw new IllegalStateException(
                "local repository not passed by the build: property=org.ops4j.pax.url.mvn.localRepository");
        }
        return repository;
    }
}
