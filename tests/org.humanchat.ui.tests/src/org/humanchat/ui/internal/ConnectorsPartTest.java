package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.connector.ConnectorState;
import org.humanchat.api.model.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Connectors view and its generated configuration form, as an admin and as an agent use them. */
class ConnectorsPartTest {

    @TempDir
    Path folder;
    DeskUi ui;
    ConnectorsPage page;
    FakeConnectors connectors = new FakeConnectors();

    /** The product's connector administration, for the tests that install jars; null in the others. */
    ProductConnectors product;

    private void open(boolean asAdmin) {
        ui = new DeskUi(folder);
        page = new ConnectorsPage(ui, connectors).signIn(asAdmin ? ui.desk.ana : ui.desk.bob);
        ui.waitUntil("the connectors are shown", () -> page.bundles().getItemCount() == 2);
    }

    /** The view on the product's own connector administration, signed in as the product's admin. */
    private void openOnTheProduct() {
        product = new ProductConnectors();
        assertTrue(product.sms().isEmpty(), "the example connector is not installed yet");
        ui = new DeskUi(folder);
        page = new ConnectorsPage(ui, product.admin).signIn(product.productAdmin);
        ui.waitUntil("the product's connectors are shown", () -> page.bundleColumn(0).contains("Webhook channel"));
    }

    @AfterEach
    void close() {
        try {
            if (ui != null) {
                ui.close();
            }
        } finally {
            if (product != null) {
                product.close();
            }
        }
    }

    /** The row of the example SMS connector, once the view lists it: installed by an admin, and running. */
    private void assertSmsListedAsInstalledAndRunning() {
        ui.waitUntil("the installed connector is listed", () -> page.bundleColumn(0).contains(SMS_TITLE));
        int row = page.bundleColumn(0).indexOf(SMS_TITLE);
        assertEquals("Channel", page.bundleColumn(1).get(row));
        assertEquals("Running", page.bundleColumn(3).get(row));
        assertEquals("Installed", page.bundleColumn(4).get(row));
        assertEquals(product.sms().orElseThrow().version(), page.bundleColumn(2).get(row));
        assertEquals(ConnectorState.ACTIVE, product.sms().orElseThrow().state(), "it runs in the framework");
    }

    /** What the example SMS connector's Metatype calls what it offers. */
    private static final String SMS_TITLE = "SMS number (example)";

    @Test
    void anAgentSeesTheConnectorsReadOnly() {
        open(false);
        assertEquals(List.of("Webhook channel", "SMS number"), page.bundleColumn(0));
        assertEquals("Built in", page.bundleColumn(4).get(0));
        assertTrue(page.roleNoteText().contains("read-only"), page.roleNoteText());
        assertTrue(page.problemsText().contains("old.jar is not a readable jar"), page.problemsText());
        page.selectBundle("SMS number");
        for (String label : List.of("Install from File\u2026", "Update\u2026", "Stop", "Uninstall", "Add Instance\u2026",
                "API Token for Scripts\u2026")) {
            assertFalse(page.button(label).isEnabled(), label + " is enabled for an agent");
        }
        assertFalse(page.apiToken().button().isEnabled(), "agents get no API token");
        assertFalse(page.drop(folder.resolve("sms.jar")), "the view refuses an agent's drop");
        assertFalse(connectors.calls.stream().anyMatch(c -> c.startsWith("install")), connectors.calls.toString());
    }

    @Test
    void anAdminGetsAnApiTokenThatSignsInAsHerAndReplacesTheOneBefore() {
        open(true);
        String first = page.apiToken().issue();
        assertEquals(ui.desk.ana.id(), ui.desk.directory.agentByApiToken(first).orElseThrow().id());

        String second = page.apiToken().issue();
        assertNotEquals(first, second);
        assertTrue(ui.desk.directory.agentByApiToken(first).isEmpty(), "the token before is replaced");
        assertEquals(ui.desk.ana.id(), ui.desk.directory.agentByApiToken(second).orElseThrow().id());
    }

    @Test
    void anAdminStopsAndStartsAConnectorAndTheViewFollows() {
        open(true);
        page.selectBundle("Webhook channel");
        assertFalse(page.button("Uninstall").isEnabled(), "a built-in connector stays");
        page.click("Stop");
        ui.waitUntil("the connector shows stopped", () -> page.bundleColumn(3).get(0).equals("Stopped"));
        assertEquals("Stopped Human Chat generic webhook channel.", page.feedbackText());
        assertTrue(page.button("Start").isEnabled());
        page.click("Start");
        ui.waitUntil("the connector runs again", () -> page.bundleColumn(3).get(0).equals("Running"));
        assertEquals(List.of("stop 7", "start 7"), connectors.calls);
    }

    @Test
    void anAdminInstallsAConnectorJarFromAFileAndTheViewListsIt() {
        openOnTheProduct();
        page.install(ProductConnectors.smsJar(folder, "sms-connector.jar"));

        assertSmsListedAsInstalledAndRunning();
        assertEquals("Installed Human Chat example SMS channel " + product.sms().orElseThrow().version()
                + ". Add an instance to use it.", page.feedbackText());
        page.selectBundle(SMS_TITLE);
        assertTrue(page.button("Uninstall").isEnabled(), "what an admin installed, an admin may uninstall");
        assertTrue(page.button("Add Instance\u2026").isEnabled(), "the next step is offered");
    }

    @Test
    void aJarDroppedOnTheViewIsInstalledAndListed() {
        openOnTheProduct();
        Path jar = ProductConnectors.smsJar(folder, "dropped-sms.jar");

        assertTrue(page.drop(jar), "the view takes an admin's drop as a copy");

        assertSmsListedAsInstalledAndRunning();
        assertTrue(page.feedbackText().startsWith("Installed Human Chat example SMS channel"), page.feedbackText());
    }

    @Test
    void aRefusedJarIsExplainedAndNothingChanges() throws Exception {
        openOnTheProduct();
        List<String> before = page.bundleColumn(0);
        Path jar = Files.write(folder.resolve("notes.jar"), new byte[] { 1, 2, 3 });
        page.install(jar);
        ui.waitUntil("the refusal is shown", () -> page.feedbackText().contains("notes.jar is not a readable jar"));
        assertEquals(before, page.bundleColumn(0));
        assertTrue(product.sms().isEmpty());
    }

    @Test
    void theInstanceFormIsGeneratedFromTheMetatypeAndChecksAsYouType() {
        open(true);
        Channel sms = ui.desk.directory.createChannel(ui.desk.production.id(), "sms", "SMS +49 30 555",
                ui.desk.ana.id());
        page.selectBundle("SMS number");
        AtomicReference<Map<String, String>> typed = new AtomicReference<>();
        page.addInstance("New SMS number", form -> {
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
            typed.set(form.values());
        });
        assertEquals("s3cret", typed.get().get("authToken"));
        ui.waitUntil("the instance is listed", () -> page.instances().getItemCount() == 1);
        assertEquals("SMS +49 30 555 (production)", page.instanceColumn(1).get(0));
        assertEquals(Map.of("humanchat.channel.id", Long.toString(sms.id()), "accountSid", "AC1", "authToken",
                "s3cret", "timeoutMillis", "2000", "region", "eu"), connectors.saved.values().iterator().next());

        // Editing: the secret is not shown back; left empty, it keeps the one set.
        page.editFirstInstance("SMS number", edit -> {
            Text secret = (Text) edit.control("authToken");
            assertEquals("", secret.getText());
            assertEquals("set: leave empty to keep it", secret.getMessage());
            assertTrue(edit.problem().isEmpty(), "an empty secret that is set is fine");
            assertEquals("AC1", ((Text) edit.control("accountSid")).getText());
            edit.close();
        });
    }

    @Test
    void aNewChannelIsCreatedForTheInstanceAndARefusalReopensTheForm() {
        open(true);
        connectors.refuseNextSave = "Account SID: AC must be followed by 32 hex digits";
        String[] reopened = new String[1];
        page.selectBundle("SMS number");
        page.addInstance("New SMS number", form -> {
            Combo channel = (Combo) form.control("humanchat.channel.id");
            channel.select(channel.getItemCount() - 1); // "New channel..."
            channel.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
            Widgets.all(form.getShell(), Text.class).stream().filter(t -> t.getMessage().startsWith("e.g. SMS"))
                    .findFirst().orElseThrow().setText("SMS +1 555");
            ((Text) form.control("accountSid")).setText("AC1");
            ((Text) form.control("authToken")).setText("x");
            // the refused save opens the form again: look at it, then give up
            ui.whenDialogOpens("New SMS number", shell -> {
                reopened[0] = Widgets.all(shell, Text.class).stream().map(Text::getText).filter("AC1"::equals)
                        .findFirst().orElse("(not kept)");
                Widgets.click(Widgets.button(shell, IDialogConstants.CANCEL_LABEL));
            });
            Widgets.click(Widgets.button(form.getShell(), "Create"));
        });
        ui.waitUntil("the form opened again and was closed", () -> reopened[0] != null);
        assertEquals("AC1", reopened[0], "what was typed is kept");
        assertTrue(page.feedbackText().startsWith("Account SID"), page.feedbackText());
        assertTrue(ui.desk.directory.channels().stream().anyMatch(c -> c.name().equals("SMS +1 555")
                && c.type().equals("sms")), "the new channel was created with the connector's type");
    }
}
