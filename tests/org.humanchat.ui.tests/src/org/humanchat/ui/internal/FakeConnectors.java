package org.humanchat.ui.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.humanchat.api.connector.ConfigField;
import org.humanchat.api.connector.ConfigForm;
import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.connector.ConnectorBundle;
import org.humanchat.api.connector.ConnectorException;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.api.connector.ConnectorKind;
import org.humanchat.api.connector.ConnectorState;
import org.humanchat.api.connector.ConnectorType;
import org.humanchat.api.connector.DropInProblem;
import org.humanchat.api.connector.FieldType;
import org.humanchat.api.service.NotFoundException;

/**
 * Connector administration as the view sees it, in memory: a built-in webhook channel and an installed SMS
 * connector whose form has a secret, a number and a channel link. Records what the view asks of it.
 */
final class FakeConnectors implements ConnectorAdmin {

    static final ConnectorType SMS = new ConnectorType("org.example.sms", ConnectorKind.CHANNEL, "SMS number",
            "A phone number of an SMS provider");
    static final ConnectorType WEBHOOK = new ConnectorType("org.humanchat.channel.webhook", ConnectorKind.CHANNEL,
            "Webhook channel", "Any system that can POST signed JSON");

    /** The rules Brain's type: its form is offered, though its bundle is not listed (the view lists two). */
    static final ConnectorType RULES = new ConnectorType(InstanceEditor.RULES_BRAIN, ConnectorKind.BRAIN,
            "Rules Brain", "Answers from a list of questions and hands over to humans");

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<ConnectorBundle> bundles = new CopyOnWriteArrayList<>(List.of(
            new ConnectorBundle(7, "org.humanchat.channel.webhook", "Human Chat generic webhook channel", "0.1.0",
                    ConnectorKind.CHANNEL, ConnectorState.ACTIVE, true, false, List.of(WEBHOOK)),
            new ConnectorBundle(42, "org.example.sms", "Example SMS channel", "1.0.0", ConnectorKind.CHANNEL,
                    ConnectorState.ACTIVE, false, false, List.of(SMS))));
    final List<ConnectorInstance> instances = new CopyOnWriteArrayList<>();
    final Map<String, Map<String, String>> saved = new LinkedHashMap<>();
    volatile String refuseNextSave;

    @Override
    public List<ConnectorBundle> connectors() {
        return List.copyOf(bundles);
    }

    /** Installing is the product's own work: tests that install a jar use its ConnectorAdmin (ProductConnectors). */
    @Override
    public ConnectorBundle install(String fileName, byte[] jar, long actingAgentId) {
        calls.add("install " + fileName);
        throw new AssertionError("FakeConnectors installs nothing: install " + fileName
                + " through ProductConnectors, the product's connector administration");
    }

    @Override
    public ConnectorBundle update(long bundleId, String fileName, byte[] jar, long actingAgentId) {
        calls.add("update " + bundleId);
        return bundle(bundleId);
    }

    @Override
    public ConnectorBundle start(long bundleId, long actingAgentId) {
        calls.add("start " + bundleId);
        return replace(bundleId, ConnectorState.ACTIVE);
    }

    @Override
    public ConnectorBundle stop(long bundleId, long actingAgentId) {
        calls.add("stop " + bundleId);
        return replace(bundleId, ConnectorState.RESOLVED);
    }

    private ConnectorBundle replace(long bundleId, ConnectorState state) {
        ConnectorBundle old = bundle(bundleId);
        ConnectorBundle changed = new ConnectorBundle(old.bundleId(), old.symbolicName(), old.name(), old.version(),
                old.kind(), state, old.builtIn(), old.dropIn(), old.types());
        bundles.set(bundles.indexOf(old), changed);
        return changed;
    }

    private ConnectorBundle bundle(long bundleId) {
        return bundles.stream().filter(b -> b.bundleId() == bundleId).findFirst()
                .orElseThrow(() -> new NotFoundException("Connector bundle", bundleId));
    }

    @Override
    public void uninstall(long bundleId, long actingAgentId) {
        calls.add("uninstall " + bundleId);
        bundles.remove(bundle(bundleId));
    }

    @Override
    public ConfigForm form(String factoryPid) {
        if (factoryPid.equals(RULES.factoryPid())) {
            return new ConfigForm(RULES, List.of(
                    new ConfigField("humanchat.brain.id", "Brain id", "The Brain of the desk this instance serves",
                            FieldType.LONG, true, "", List.of()),
                    new ConfigField("greeting", "Greeting", "", FieldType.TEXT, false, "Hi!", List.of()),
                    new ConfigField("faq", "FAQ", "keywords => answer", FieldType.TEXT, false, "", List.of(), true),
                    new ConfigField("handoverPhrases", "Handover phrases", "", FieldType.TEXT, false, "agent\nhuman",
                            List.of(), true),
                    new ConfigField("handoverAfter", "Handover after", "", FieldType.INTEGER, false, "2",
                            List.of())));
        }
        if (!factoryPid.equals(SMS.factoryPid())) {
            return new ConfigForm(WEBHOOK, List.of());
        }
        return new ConfigForm(SMS, List.of(
                new ConfigField("humanchat.channel.id", "Channel id", "The channel this number serves",
                        FieldType.LONG, true, "", List.of()),
                new ConfigField("accountSid", "Account SID", "", FieldType.TEXT, true, "", List.of()),
                new ConfigField("authToken", "Auth token", "Signs the provider's posts", FieldType.SECRET, true, "",
                        List.of()),
                new ConfigField("timeoutMillis", "Timeout (ms)", "", FieldType.INTEGER, false, "10000", List.of()),
                new ConfigField("region", "Region", "", FieldType.TEXT, false, "eu",
                        List.of(new ConfigField.Option("eu", "Europe"), new ConfigField.Option("us", "USA")))));
    }

    @Override
    public List<ConnectorInstance> instances() {
        return List.copyOf(instances);
    }

    @Override
    public ConnectorInstance saveInstance(String factoryPid, String pid, Map<String, String> values,
            long actingAgentId) {
        calls.add("save " + factoryPid);
        String refusal = refuseNextSave;
        if (refusal != null) {
            refuseNextSave = null;
            throw new ConnectorException(refusal);
        }
        String id = pid == null ? factoryPid + "." + (instances.size() + 1) : pid;
        saved.put(id, Map.copyOf(values));
        Map<String, String> shown = new LinkedHashMap<>(values);
        Set<String> secrets = new HashSet<>();
        if (shown.remove("authToken") != null) {
            secrets.add("authToken");
        }
        instances.removeIf(i -> i.pid().equals(id));
        ConnectorInstance instance = new ConnectorInstance(id, factoryPid, shown, secrets, true, "Running");
        instances.add(instance);
        return instance;
    }

    @Override
    public void deleteInstance(String pid, long actingAgentId) {
        calls.add("delete " + pid);
        instances.removeIf(i -> i.pid().equals(pid));
    }

    @Override
    public String dropInFolder() {
        return "/data/connectors";
    }

    @Override
    public List<DropInProblem> dropInProblems() {
        return new ArrayList<>(List.of(new DropInProblem("old.jar", "old.jar is not a readable jar", Instant.now())));
    }
}
