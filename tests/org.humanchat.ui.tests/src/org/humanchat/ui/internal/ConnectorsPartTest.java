package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.connector.ConnectorBundle;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.api.model.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Connectors view and its generated configuration form, as an admin and as an agent use them. */
class ConnectorsPartTest {

    @TempDir
    Path folder;
    DeskUi ui;
    ConnectorsPart part;
    FakeConnectors connectors = new FakeConnectors();

    private void open(boolean asAdmin) {
        ui = new DeskUi(folder);
        part = new ConnectorsPart();
        part.create(ui.area());
        part.connectorAdmin(connectors);
        part.sessionReady(ui.sessionOf(asAdmin ? ui.desk.ana : ui.desk.bob));
        ui.waitUntil("the connectors are shown", () -> part.bundleViewer().getTable().getItemCount() == 2);
    }

    @AfterEach
    void close() {
        ui.close();
    }

    private ConnectorBundle select(String symbolicName) {
        ConnectorBundle bundle = connectors.connectors().stream().filter(b -> b.symbolicName().equals(symbolicName))
                .findFirst().orElseThrow();
        part.bundleViewer().setSelection(new StructuredSelection(bundle), true);
        return bundle;
    }

    @Test
    void anAgentSeesTheConnectorsReadOnly() {
        open(false);
        assertEquals(List.of("Webhook channel", "SMS number"),
                Widgets.column(part.bundleViewer().getTable(), 0));
        assertEquals("Built in", Widgets.column(part.bundleViewer().getTable(), 4).get(0));
        assertTrue(part.roleNoteText().contains("read-only"), part.roleNoteText());
        assertTrue(part.problemsText().contains("old.jar is not a readable jar"), part.problemsText());
        select("org.example.sms");
        for (String label : List.of("Install from File\u2026", "Update\u2026", "Stop", "Uninstall", "Add Instance\u2026",
                "API Token for Scripts\u2026")) {
            assertFalse(Widgets.button(part.content(), label).isEnabled(), label + " is enabled for an agent");
        }
    }

    @Test
    void anAdminStopsAndStartsAConnectorAndTheViewFollows() {
        open(true);
        select("org.humanchat.channel.webhook");
        assertFalse(Widgets.button(part.content(), "Uninstall").isEnabled(), "a built-in connector stays");
        Widgets.click(Widgets.button(part.content(), "Stop"));
        ui.waitUntil("the connector shows stopped",
                () -> Widgets.column(part.bundleViewer().getTable(), 3).get(0).equals("Stopped"));
        assertEquals("Stopped Human Chat generic webhook channel.", part.feedbackText());
        assertTrue(Widgets.button(part.content(), "Start").isEnabled());
        Widgets.click(Widgets.button(part.content(), "Start"));
        ui.waitUntil("the connector runs again",
                () -> Widgets.column(part.bundleViewer().getTable(), 3).get(0).equals("Running"));
        assertEquals(List.of("stop 7", "start 7"), connectors.calls);
    }

    @Test
    void aRefusedJarIsExplainedAndNothingChanges() throws Exception {
        open(true);
        Path jar = Files.write(folder.resolve("notes.jar"), new byte[] { 1, 2, 3 });
        part.installFrom(jar);
        ui.waitUntil("the refusal is shown", () -> part.feedbackText().contains("is not a connector"));
        assertEquals(2, part.bundleViewer().getTable().getItemCount());
    }

    @Test
    void theInstanceFormIsGeneratedFromTheMetatypeAndChecksAsYouType() {
        open(true);
        Channel sms = ui.desk.directory.createChannel(ui.desk.production.id(), "sms", "SMS +49 30 555",
                ui.desk.ana.id());
        part.reload();
        ui.waitUntil("the new channel is known", () -> part.shown().channels().stream()
                .anyMatch(c -> c.id() == sms.id()));
        ConfigFormDialog form = part.formDialog(connectors.form(FakeConnectors.SMS.factoryPid()), null, Map.of(),
                null);
        form.setBlockOnOpen(false);
        form.open();
        Button create = Widgets.button(form.getShell(), "Create");
        assertFalse(create.isEnabled(), "required fields are empty");
        assertEquals("Choose the channel this instance serves", form.problem().orElseThrow());

        Combo channel = (Combo) form.control("humanchat.channel.id");
        channel.select(List.of(channel.getItems()).indexOf(List.of(channel.getItems()).stream()
                .filter(i -> i.startsWith("SMS +49 30 555")).findFirst().orElseThrow()));
        channel.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        ((Text) form.control("accountSid")).setText("AC1");
        Text token = (Text) form.control("authToken");
        assertNotEquals(0, token.getStyle() & SWT.PASSWORD, "a secret is typed blind");
        assertEquals("Auth token is required", form.problem().orElseThrow());
        token.setText("s3cret");
        Text timeout = (Text) form.control("timeoutMillis");
        timeout.setText("soon");
        assertEquals("Timeout (ms) must be a whole number", form.problem().orElseThrow());
        assertFalse(create.isEnabled());
        timeout.setText("2000");
        assertEquals(List.of("Europe", "USA"), List.of(((Combo) form.control("region")).getItems()));
        assertTrue(create.isEnabled());
        create.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        assertEquals("s3cret", form.values().get("authToken"));
        part.save(connectors.form(FakeConnectors.SMS.factoryPid()), null, form.values(), form.newLink());
        ui.waitUntil("the instance is listed", () -> part.instanceViewer().getTable().getItemCount() == 1);
        assertEquals("SMS +49 30 555 (production)", Widgets.column(part.instanceViewer().getTable(), 1).get(0));
        assertEquals(Map.of("humanchat.channel.id", Long.toString(sms.id()), "accountSid", "AC1", "authToken",
                "s3cret", "timeoutMillis", "2000", "region", "eu"), connectors.saved.values().iterator().next());

        // Editing: the secret is not shown back; left empty, it keeps the one set.
        ConnectorInstance instance = connectors.instances().get(0);
        ConfigFormDialog edit = part.formDialog(connectors.form(FakeConnectors.SMS.factoryPid()), instance,
                Map.of(), null);
        edit.setBlockOnOpen(false);
        edit.open();
        Text secret = (Text) edit.control("authToken");
        assertEquals("", secret.getText());
        assertEquals("set: leave empty to keep it", secret.getMessage());
        assertTrue(edit.problem().isEmpty(), "an empty secret that is set is fine");
        assertEquals("AC1", ((Text) edit.control("accountSid")).getText());
        edit.close();
    }

    @Test
    void aNewChannelIsCreatedForTheInstanceAndARefusalReopensTheForm() {
        open(true);
        connectors.refuseNextSave = "Account SID: AC must be followed by 32 hex digits";
        String[] reopened = new String[1];
        ui.whenDialogOpens("New SMS number", shell -> {
            reopened[0] = Widgets.all(shell, Text.class).stream().map(Text::getText).filter("AC1"::equals)
                    .findFirst().orElse("(not kept)");
            Widgets.click(Widgets.button(shell, IDialogConstants.CANCEL_LABEL));
        });
        part.save(connectors.form(FakeConnectors.SMS.factoryPid()), null,
                Map.of("accountSid", "AC1", "authToken", "x"),
                java.util.Optional.of(new ConfigFormDialog.NewLink("SMS +1 555", ui.desk.production.id())));
        ui.waitUntil("the form opened again and was closed", () -> reopened[0] != null);
        assertEquals("AC1", reopened[0], "what was typed is kept");
        assertTrue(part.feedbackText().startsWith("Account SID"), part.feedbackText());
        assertTrue(ui.desk.directory.channels().stream().anyMatch(c -> c.name().equals("SMS +1 555")
                && c.type().equals("sms")), "the new channel was created with the connector's type");
    }
}
