package org.humanchat.ui.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Control;
import org.humanchat.api.connector.ConfigForm;
import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.api.connector.ConnectorException;
import org.humanchat.api.connector.ConnectorInstance;
import org.humanchat.api.connector.ConnectorKind;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Environment;
import org.humanchat.ui.DeskSession;

/**
 * Edits a connector instance through its generated form, the one door for any connector's settings (the Connectors
 * view and the rules Brain's section of Settings alike): reads the form with the channels or Brains it may serve,
 * opens {@link ConfigFormDialog}, creates the new channel or Brain asked for, and saves through
 * {@link ConnectorAdmin}. A refused save says why and opens the form again with what was typed.
 */
final class InstanceEditor {

    /** The rules Brain's factory PID; its FAQ lines are checked before it sees them (it would refuse to start). */
    static final String RULES_BRAIN = "org.humanchat.brain.rules";

    /** The channels, Brains and environments a form links to, read with the form. */
    private record Links(List<Channel> channels, List<Brain> brains, List<Environment> environments) {
    }

    /** What the view does after a save, on the UI thread. */
    interface Outcome {
        /** @param newLinkName the name of the channel or Brain created for the instance, if one was */
        void saved(ConfigForm form, boolean created, Optional<String> newLinkName, ConnectorInstance instance);

        /** The save was refused (the reason is said already); a channel or Brain may have been created on the way. */
        void refused();
    }

    private final Control owner;
    private final Supplier<DeskSession> session;
    private final Supplier<ConnectorAdmin> admin;
    private final Consumer<String> say;
    private final Outcome outcome;

    /** @param say tells the admin what went wrong */
    InstanceEditor(Control owner, Supplier<DeskSession> session, Supplier<ConnectorAdmin> admin,
            Consumer<String> say, Outcome outcome) {
        this.owner = owner;
        this.session = session;
        this.admin = admin;
        this.say = say;
        this.outcome = outcome;
    }

    /**
     * Reads the form in the background, then opens it.
     *
     * @param instance the instance edited, or null for a new one
     * @param typed    values to show instead of the instance's (what a refused save had)
     * @param error    why the last save was refused, or null
     */
    void open(String factoryPid, ConnectorInstance instance, Map<String, String> typed, String error) {
        ConnectorAdmin connectors = admin.get();
        DeskSession s = session.get();
        if (connectors == null || s == null) {
            return;
        }
        // The channels and Brains are read with the form: one created by a refused save a moment ago is offered.
        record Read(ConfigForm form, Links links) {
        }
        DeskJobs.run("Reading the form", owner, () -> new Read(connectors.form(factoryPid), new Links(
                s.directory().channels(), s.directory().brains(), s.directory().environments())), read -> {
                    ConfigFormDialog dialog = dialog(read.form(), read.links(), instance, typed, error);
                    if (dialog.open() == Window.OK) {
                        save(read.form(), instance, dialog.values(), dialog.newLink());
                    }
                }, failure -> say.accept(failure.getMessage()));
    }

    private ConfigFormDialog dialog(ConfigForm form, Links known, ConnectorInstance instance,
            Map<String, String> typed, String error) {
        // Only channels (Brains) of this connector's type: a WhatsApp number cannot serve a Telegram channel.
        String type = connectorType(form.type().factoryPid());
        LongFunction<String> environment = id -> known.environments().stream().filter(e -> e.id() == id)
                .findFirst().map(Environment::name).orElse("environment " + id);
        List<ConfigFormDialog.Link> links = form.type().kind() == ConnectorKind.CHANNEL
                ? known.channels().stream().filter(c -> c.type().equals(type))
                        .map(c -> new ConfigFormDialog.Link(c.id(), c.name() + " \u2014 "
                                + environment.apply(c.environmentId()))).toList()
                : known.brains().stream().filter(b -> b.connectorType().equals(type))
                        .map(b -> new ConfigFormDialog.Link(b.id(), b.name() + " \u2014 "
                                + environment.apply(b.environmentId()))).toList();
        return new ConfigFormDialog(owner.getShell(), form, instance, typed, links, known.environments(), error);
    }

    /** Creates the channel or Brain asked for, then saves the instance linked to it. */
    void save(ConfigForm form, ConnectorInstance instance, Map<String, String> values,
            Optional<ConfigFormDialog.NewLink> newLink) {
        ConnectorAdmin connectors = admin.get();
        DeskSession s = session.get();
        String pid = form.type().factoryPid();
        String type = connectorType(pid);
        Map<String, String> all = new HashMap<>(values);
        DeskJobs.run("Saving " + form.type().name(), owner, () -> {
            problem(pid, all).ifPresent(problem -> {
                throw new ConnectorException(problem);
            });
            newLink.ifPresent(link -> {
                long id = form.type().kind() == ConnectorKind.CHANNEL
                        ? s.directory().createChannel(link.environmentId(), type, link.name(), s.agent().id()).id()
                        : s.directory().createBrain(link.environmentId(), link.name(), type, s.agent().id()).id();
                all.put(form.type().kind() == ConnectorKind.CHANNEL ? ConnectorInstance.CHANNEL_LINK
                        : ConnectorInstance.BRAIN_LINK, Long.toString(id));
            });
            return connectors.saveInstance(pid, instance == null ? null : instance.pid(), all, s.agent().id());
        }, saved -> outcome.saved(form, instance == null, newLink.map(ConfigFormDialog.NewLink::name), saved),
                failure -> {
                    say.accept(failure.getMessage());
                    outcome.refused();
                    // The linked channel, if new, exists now: offer it in the form instead of creating another.
                    Map<String, String> typed = new HashMap<>(all);
                    typed.replaceAll((k, v) -> form.field(k).map(f -> f.secret()).orElse(false) ? "" : v);
                    open(pid, instance, typed, failure.getMessage());
                });
    }

    /**
     * What the desk refuses before a connector sees it: the rules Brain refuses to start on an FAQ line without
     * keywords, "=>" and an answer, which ConnectorAdmin cannot tell from its Metatype.
     */
    static Optional<String> problem(String factoryPid, Map<String, String> values) {
        if (!factoryPid.equals(RULES_BRAIN)) {
            return Optional.empty();
        }
        return values.getOrDefault("faq", "").lines().map(String::strip).filter(line -> !line.isEmpty())
                .filter(line -> {
                    int arrow = line.indexOf("=>");
                    return arrow <= 0 || line.substring(0, arrow).replace("|", "").isBlank()
                            || line.substring(arrow + 2).isBlank();
                }).findFirst()
                .map(line -> "Each FAQ line needs keywords, \"=>\" and an answer: " + line);
    }

    /** The type a channel or Brain of this connector has on the desk: the last part of its factory PID. */
    static String connectorType(String factoryPid) {
        return factoryPid.substring(factoryPid.lastIndexOf('.') + 1);
    }
}
