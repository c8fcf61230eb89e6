package org.humanchat.brain.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.humanchat.brain.api.BrainConnector;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The Brain API is the contract alone: a Brain built against it needs no other package of Human Chat, so a change
 * of the desk's domain model cannot break an installed Brain. Its wiring in the running framework says so.
 */
class BrainApiWiringTest {

    @Test
    void theBrainApiIsWiredToNoOtherPackageOfHumanChat() {
        BundleWiring wiring = FrameworkUtil.getBundle(BrainConnector.class).adapt(BundleWiring.class);
        List<Object> imported = wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .map(wire -> wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))
                .filter(name -> name.toString().startsWith("org.humanchat.")).toList();
        assertEquals(List.of(), imported);
    }
}
