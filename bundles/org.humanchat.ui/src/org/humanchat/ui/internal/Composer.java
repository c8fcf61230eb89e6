package org.humanchat.ui.internal;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.jface.fieldassist.IContentProposal;
import org.eclipse.jface.fieldassist.TextContentAdapter;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.model.Attachment;

/**
 * Where the agent writes a reply: the text, where Enter sends and Shift+Enter starts a new line (or Ctrl+Enter
 * sends, as the agent's preferences say) and "/" offers the environment's quick responses; Send and Attach...; and
 * the files attached to the reply ({@link PendingFiles}).
 */
final class Composer {

    private final Text text;
    private final Button send;
    private final PendingFiles pending;
    private final DeskPreferences preferences;
    private final ContentProposalAdapter proposals;
    private QuickResponses quickResponses = QuickResponses.NONE;

    /**
     * @param sendReply   the agent asked to send what the composer holds
     * @param chooseFiles the agent asked to attach files
     * @param say         tells the agent how attaching goes
     */
    Composer(Composite parent, DeskPreferences preferences, Runnable sendReply, Runnable chooseFiles,
            Consumer<String> say) {
        this.preferences = preferences;
        Composite compose = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(compose);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(compose);
        text = WidgetKeys.name(new Text(compose, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER),
                "conversation.composer");
        WidgetKeys.attach(text, this);
        text.setMessage("Write a reply. Enter sends, Shift+Enter for a new line, / for quick responses");
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 60).applyTo(text);
        text.addListener(SWT.Traverse, e -> {
            if (e.detail != SWT.TRAVERSE_RETURN || proposalsOpen()) {
                return;
            }
            boolean sends = this.preferences.enterSends() ? (e.stateMask & SWT.SHIFT) == 0
                    : (e.stateMask & SWT.MOD1) != 0;
            if (sends) {
                e.doit = false;
                e.detail = SWT.TRAVERSE_NONE;
                sendReply.run();
            }
        });
        Composite actions = new Composite(compose, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 4).applyTo(actions);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.FILL).applyTo(actions);
        send = new Button(actions, SWT.PUSH);
        send.setText("Send");
        send.addListener(SWT.Selection, e -> sendReply.run());
        GridDataFactory.fillDefaults().grab(false, true).applyTo(send);
        Button attach = new Button(actions, SWT.PUSH);
        attach.setText("Attach\u2026");
        attach.setToolTipText("Attach files to the reply (Ctrl+Shift+F)");
        attach.addListener(SWT.Selection, e -> chooseFiles.run());
        GridDataFactory.fillDefaults().applyTo(attach);
        proposals = new ContentProposalAdapter(text, new TextContentAdapter(), this::quickResponseProposals, null,
                new char[] { '/' });
        proposals.setProposalAcceptanceStyle(ContentProposalAdapter.PROPOSAL_IGNORE);
        proposals.addContentProposalListener(proposal -> {
            // the chosen response replaces the "/shortcut" typed before the caret
            String contents = text.getText();
            int position = text.getCaretPosition();
            int slash = contents.lastIndexOf('/', Math.max(0, position - 1));
            String before = slash < 0 ? contents : contents.substring(0, slash);
            text.setText(before + proposal.getContent() + contents.substring(position));
            text.setSelection(before.length() + proposal.getContent().length());
        });
        pending = new PendingFiles(compose, say);
    }

    private boolean proposalsOpen() {
        return proposals.isProposalPopupOpen();
    }

    /** The quick responses offered for the text typed so far. */
    IContentProposal[] quickResponseProposals(String contents, int position) {
        return quickResponses.proposals(contents, position);
    }

    /** The quick responses of the conversation's environment, filled in for its contact and the agent. */
    void offer(QuickResponses responses) {
        this.quickResponses = responses;
    }

    Text control() {
        return text;
    }

    PendingFiles files() {
        return pending;
    }

    /** What the agent wrote, without the blank around it. */
    String reply() {
        return text.getText().strip();
    }

    /** A reply is on its way: Send waits for it. */
    void sending(boolean busy) {
        send.setEnabled(!busy);
    }

    /** The reply went out: what was sent goes, what the agent wrote since stays. */
    void sent(String sentText, List<Attachment> sentFiles) {
        if (reply().equals(sentText)) {
            text.setText("");
        }
        if (pending.files().equals(sentFiles)) {
            pending.clear();
        }
    }
}
