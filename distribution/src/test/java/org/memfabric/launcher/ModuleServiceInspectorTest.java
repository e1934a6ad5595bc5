package org.memfabric.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ModuleServiceInspectorTest {

    @RegisterExtension
    final RunningFrameworkExtension felix = new RunningFrameworkExtension();

    @Test
    void shouldReportPresentAndMissingModuleServicesInTheGivenOrder() {
        FakeServices.register(felix.context(), "org.memfabric.api.bm.BigMemoryService", Map.of());

        List<ModuleServiceReport> reports = ModuleServiceInspector.inspect(felix.context(),
                ModuleServiceInspector.MODULE_SERVICES);

        assertEquals(ModuleServiceInspector.MODULE_SERVICES,
                reports.stream().map(ModuleServiceReport::className).toList());
        assertTrue(reports.get(0).present());
        assertEquals(List.of("org.apache.felix.framework [0]"), reports.get(0).providers());
        assertFalse(reports.get(1).present());
        assertFalse(reports.get(2).present());
        assertFalse(reports.get(3).present());
    }

    @Test
    void shouldReportAServiceMissingAgainOnceItIsUnregistered() {
        FakeServices.register(felix.context(), "org.memfabric.api.trans.TransferService", Map.of()).unregister();

        assertFalse(ModuleServiceInspector.inspect(felix.context(),
                List.of("org.memfabric.api.trans.TransferService")).get(0).present());
    }

    @Test
    void shouldReportOnlyTheMemfabricPropertiesOfAService() {
        FakeServices.register(felix.context(), "org.memfabric.api.bm.BigMemoryService",
                Map.of("memfabric.deviceMemory", "device memory is host DRAM", "other.property", "hidden"));

        ModuleServiceReport report = ModuleServiceInspector.inspect(felix.context(),
                List.of("org.memfabric.api.bm.BigMemoryService")).get(0);

        assertEquals(Map.of("memfabric.deviceMemory", "device memory is host DRAM"), report.details());
    }
}
