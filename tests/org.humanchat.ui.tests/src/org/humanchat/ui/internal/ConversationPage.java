package org.humanchat.ui.internal;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.fieldassist.IContentProposal;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Attachment;

/**
 * A conversation editor as an agent uses it, through its widgets: the header and its buttons, the transcript, the
 * composer and the line under it. Files are picked and saved through the editor's file actions, as the native file
 * dialogs (which no robot drives) would hand them over.
 */
final class ConversationPage {

    private final DeskUi ui;
    private final Composite area;
    private final ConversationPart part = new ConversationPart();

    /** @param preferences the agent's preferences, or null for the workspace's */
    ConversationPage(DeskUi ui, DeskPreferences preferences) {
        this.ui = ui;
        this.area = ui.area();
        part.create(area, null, null, preferences);
    }

    ConversationPage(DeskUi ui) {
        this(ui, null);
    }

    ConversationPage signIn(Agent agent) {
        part.sessionReady(ui.sessionOf(agent));
        return this;
    }

    /** Hands a domain event to the part, as the workbench's event broker does. */
    void deliver(org.osgi.service.event.Event event) {
        part.conversationChanged(event);
    }

    /** Opens a conversation in the editor, as opening it from the inbox does, and waits until it is shown. */
    long open(long id) {
        part.show(id);
        ui.waitUntil("the conversation is shown", () -> part.conversationId() == id && !transcriptText().isEmpty());
        return id;
    }

    /** Opens a conversation without waiting. */
    void show(long id) {
        part.show(id);
    }

    private <T extends Control> T find(String key, Class<T> type) {
        return WidgetKeys.find(area, key, type).orElseThrow(() -> new AssertionError("No widget " + key));
    }

    String transcriptText() {
        return find("conversation.transcript", StyledText.class).getText();
    }

    /** The contact's name, then the details line. */
    String headerText() {
        return find("conversation.title", Label.class).getText() + "\n"
                + find("conversation.details", Label.class).getText();
    }

    String feedbackText() {
        return find("conversation.feedback", Label.class).getText();
    }

    Text composer() {
        return find("conversation.composer", Text.class);
    }

    Button button(String label) {
        return Widgets.button(area, label);
    }

    void click(String label) {
        Widgets.click(button(label));
    }

    /** The "Load earlier messages" link. */
    Link olderLink() {
        return find("conversation.older", Link.class);
    }

    /** Types in the composer and presses Enter with {@code modifiers} (0, SWT.SHIFT, SWT.MOD1). */
    void type(String text, int modifiers) {
        composer().setText(text);
        pressEnter(modifiers);
    }

    void pressEnter(int modifiers) {
        Event enter = new Event();
        enter.detail = SWT.TRAVERSE_RETURN;
        enter.stateMask = modifiers;
        enter.doit = true;
        composer().notifyListeners(SWT.Traverse, enter);
    }

    /**
     * Presses Enter on the keyboard with {@code modifiers} held (0, SWT.SHIFT or SWT.CTRL), the caret at the end of the
     * composer: the keys go through the window system (XTest), so the text field gets them as from a person and does
     * with them what it does, a new line included.
     */
    void pressEnterOnTheKeyboard(int modifiers) {
        Text composer = composer();
        composer.getShell().forceActive();
        composer.forceFocus();
        ui.waitUntil("the composer has the keyboard focus", () -> composer.isFocusControl()
                && composer.getDisplay().getFocusControl() == composer);
        composer.setSelection(composer.getCharCount());
        // Without a window manager the X server gives the keys to the window under the pointer.
        org.eclipse.swt.graphics.Point middle = composer.toDisplay(composer.getSize().x / 2,
                composer.getSize().y / 2);
        Event move = new Event();
        move.type = SWT.MouseMove;
        move.x = middle.x;
        move.y = middle.y;
        if (!area.getDisplay().post(move)) {
            throw new AssertionError("The window system took no pointer event");
        }
        ui.waitUntil("the pointer is over the composer", () -> composer.getDisplay().getCursorControl() == composer);
        List<Integer> held = new java.util.ArrayList<>();
        for (int modifier : new int[] { SWT.SHIFT, SWT.CTRL }) {
            if ((modifiers & modifier) != 0) {
                held.add(modifier);
            }
        }
        held.forEach(key -> post(SWT.KeyDown, key, '\0'));
        post(SWT.KeyDown, SWT.CR, SWT.CR);
        post(SWT.KeyUp, SWT.CR, SWT.CR);
        held.reversed().forEach(key -> post(SWT.KeyUp, key, '\0'));
    }

    private void post(int type, int keyCode, char character) {
        Event key = new Event();
        key.type = type;
        key.keyCode = keyCode;
        key.character = character;
        if (!area.getDisplay().post(key)) {
            throw new AssertionError("The window system took no key event");
        }
    }

    /** Types and presses Enter, as the agent sends a reply. */
    void typeAndPressEnter(String text) {
        type(text, 0);
    }

    /** Clicks Send. */
    void send() {
        click("Send");
    }

    /** Answers the next "Take over?" question with Yes or No as soon as it is asked. */
    void whenAskedToTakeOver(boolean yes) {
        ui.whenDialogOpens("Take over?", dialog -> Widgets.click(Widgets.button(dialog,
                yes ? IDialogConstants.YES_LABEL : IDialogConstants.NO_LABEL)));
    }

    /** What the composer offers for {@code typed}, the caret at its end. */
    List<IContentProposal> quickResponsesFor(String typed) {
        return List.of(section(Composer.class).quickResponseProposals(typed, typed.length()));
    }

    /** Attaches files to the reply, as picking them in the file dialog or dropping them does. */
    void attach(Path... files) {
        section(ConversationFiles.class).add(List.of(files));
    }

    /** The files attached to the reply being written. */
    List<Attachment> pendingFiles() {
        return Widgets.all(find("conversation.files", Composite.class), Link.class).stream()
                .filter(l -> l.getData() instanceof Attachment).map(l -> (Attachment) l.getData()).toList();
    }

    /** The files shown in the transcript, in order. */
    List<Attachment> transcriptFiles() {
        return section(Transcript.class).files();
    }

    /** Saves a file of the transcript, as "Save As..." in its menu does once the place is chosen. */
    Job save(Attachment file, Path target) {
        return section(ConversationFiles.class).save(file, target);
    }

    private <T> T section(Class<T> type) {
        return WidgetKeys.section(area, type).orElseThrow(() -> new AssertionError("No " + type.getSimpleName()));
    }
}
