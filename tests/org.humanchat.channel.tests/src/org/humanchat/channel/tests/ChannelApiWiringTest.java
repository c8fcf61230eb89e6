package org.humanchat.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.humanchat.channel.api.ChannelConnector;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The channel API is the contract alone: no other package of Human Chat (the helpers connectors share are in
 * org.humanchat.channel.support, which depends on the API, not the other way). Its wiring in the framework says so.
 */
class ChannelApiWiringTest {

    @Test
    void theChannelApiIsWiredToNoOtherPackageOfHumanChat() {
        BundleWiring wiring = FrameworkUtil.getBundle(ChannelConnector.class).adapt(BundleWiring.class);
        List<Object> imported = wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .map(wire -> wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))
                .filter(name -> name.toString().startsWith("org.humanchat.")).toList();
        assertEquals(List.of(), imported);
    }
}
