package org.humanchat.brain.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.TimeUnit;

import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.brain.api.BrainConnector;
import org.humanchat.brain.rasa.internal.RasaBrainConfig;
import org.humanchat.brain.rules.internal.RulesBrainConfig;
import org.humanchat.brain.webhook.internal.WebhookBrainConfig;
import org.humanchat.core.tests.MetatypeCheck;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Each built-in Brain's form, generated from its hand-written Metatype, offers exactly what the Brain reads. */
class BrainMetatypeTest {

    @Test
    void everyBrainFormMatchesItsConfiguration() throws InterruptedException {
        ServiceTracker<ConnectorAdmin, ConnectorAdmin> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(BrainMetatypeTest.class).getBundleContext(), ConnectorAdmin.class, null);
        tracker.open();
        ConnectorAdmin connectors = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
        assertNotNull(connectors, "ConnectorAdmin is not registered");
        MetatypeCheck.assertFormMatches(connectors.form("org.humanchat.brain.rules"), RulesBrainConfig.class);
        MetatypeCheck.assertFormMatches(connectors.form("org.humanchat.brain.webhook"), WebhookBrainConfig.class,
                "secret");
        MetatypeCheck.assertFormMatches(connectors.form("org.humanchat.brain.rasa"), RasaBrainConfig.class);
    }

    @Test
    void theAdminSideLinksInstancesToBrainsByTheKeyConnectorsRead() {
        assertEquals(BrainConnector.BRAIN_ID, ConnectorInstance.BRAIN_LINK);
    }
}
