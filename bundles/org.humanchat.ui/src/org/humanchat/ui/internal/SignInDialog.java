package org.humanchat.ui.internal;

import java.util.Arrays;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.humanchat.api.service.AccountService;
import org.humanchat.api.service.HumanChatException;
import org.humanchat.api.service.SignInSession;
import org.humanchat.api.service.ValidationException;

/**
 * Signing in to the desk: email and password; or, for a new agent or after a reset, email, the set-password code an
 * admin gave, and the new password twice; or, on an empty database, the first admin. Refusals are said in the dialog,
 * which stays open.
 */
public final class SignInDialog extends TitleAreaDialog {

    /** What the dialog asks for. */
    public enum Mode {
        SIGN_IN, CODE, FIRST_ADMIN
    }

    public static final String NAME = "signin.name";
    public static final String EMAIL = "signin.email";
    public static final String PASSWORD = "signin.password";
    public static final String CODE = "signin.code";
    public static final String REPEAT = "signin.repeat";
    public static final String KEEP = "signin.keep";
    public static final String SWITCH = "signin.switch";

    private final AccountService accounts;
    private final String client;
    private final String suggestedName;
    private Mode mode;
    private Composite fields;
    private Text name;
    private Text email;
    private Text code;
    private Text password;
    private Text repeat;
    private Button keep;
    private boolean keepSignedIn = true;
    private SignInSession session;

    /**
     * @param client        what the session is called in the agent's list of sessions ("Desk on host"), and where
     *                      failed sign-ins are counted from (this computer)
     * @param suggestedName the first admin's name as the system account knows it
     */
    public SignInDialog(Shell parent, AccountService accounts, Mode mode, String client, String suggestedName) {
        super(parent);
        this.accounts = accounts;
        this.mode = mode;
        this.client = client;
        this.suggestedName = suggestedName == null ? "" : suggestedName;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Human Chat");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        fields = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(fields);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 10).spacing(8, 8).applyTo(fields);
        build();
        return area;
    }

    private void build() {
        for (Control child : fields.getChildren()) {
            child.dispose();
        }
        name = code = repeat = null;
        switch (mode) {
            case SIGN_IN -> {
                setTitle("Sign in");
                setMessage("Sign in with your email and password.");
            }
            case CODE -> {
                setTitle("Set your password");
                setMessage("Enter the set-password code an admin gave you, and choose a password of at least "
                        + AccountService.MIN_PASSWORD_LENGTH + " characters.");
            }
            case FIRST_ADMIN -> {
                setTitle("Create the first admin");
                setMessage("This database has no agents yet. You become its first admin: end users read your"
                        + " name; you sign in with your email.");
            }
        }
        if (mode == Mode.FIRST_ADMIN) {
            name = field("Your name", NAME, SWT.NONE);
            name.setText(suggestedName);
        }
        email = field("Email", EMAIL, SWT.NONE);
        if (mode == Mode.CODE) {
            code = field("Set-password code", CODE, SWT.NONE);
            code.setMessage("XXXX-XXXX-XXXX-XXXX-XXXX");
        }
        password = field(mode == Mode.SIGN_IN ? "Password" : "New password", PASSWORD, SWT.PASSWORD);
        if (mode != Mode.SIGN_IN) {
            repeat = field("Repeat it", REPEAT, SWT.PASSWORD);
        }
        new Label(fields, SWT.NONE);
        keep = WidgetKeys.name(new Button(fields, SWT.CHECK), KEEP);
        keep.setText("Keep me signed in on this computer");
        keep.setSelection(keepSignedIn);
        keep.addListener(SWT.Selection, e -> keepSignedIn = keep.getSelection());
        if (mode != Mode.FIRST_ADMIN) {
            new Label(fields, SWT.NONE);
            Link other = WidgetKeys.name(new Link(fields, SWT.NONE), SWITCH);
            other.setText(mode == Mode.SIGN_IN ? "New here, or password reset? <a>Set your password with a code</a>"
                    : "<a>Back to signing in with a password</a>");
            other.addListener(SWT.Selection, e -> {
                mode = mode == Mode.SIGN_IN ? Mode.CODE : Mode.SIGN_IN;
                String typed = email.getText();
                setErrorMessage(null);
                build();
                email.setText(typed);
                if (!typed.isBlank()) {
                    (code != null ? code : password).setFocus();
                }
                getShell().pack();
            });
        }
        fields.layout(true, true);
        (mode == Mode.FIRST_ADMIN ? name : email).setFocus();
    }

    private Text field(String label, String key, int style) {
        new Label(fields, SWT.NONE).setText(label);
        Text text = WidgetKeys.name(new Text(fields, SWT.BORDER | SWT.SINGLE | style), key);
        GridDataFactory.fillDefaults().grab(true, false).hint(280, SWT.DEFAULT).applyTo(text);
        return text;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, mode == Mode.FIRST_ADMIN ? "Create and sign in" : "Sign in",
                true);
        createButton(parent, IDialogConstants.CANCEL_ID, "Quit", false);
    }

    @Override
    protected void okPressed() {
        char[] typed = password.getText().toCharArray();
        char[] again = repeat == null ? typed : repeat.getText().toCharArray();
        try {
            if (repeat != null && !Arrays.equals(typed, again)) {
                setErrorMessage("The two passwords differ.");
                return;
            }
            String mail = email.getText();
            BusyIndicator.showWhile(getShell().getDisplay(), () -> session = switch (mode) {
                case SIGN_IN -> accounts.signIn(mail, typed, client, client);
                case CODE -> accounts.setPasswordWithCode(mail, code.getText(), typed, client, client);
                case FIRST_ADMIN -> accounts.createFirstAdmin(name.getText(), mail, typed, client);
            });
            super.okPressed();
        } catch (ValidationException e) {
            setErrorMessage(String.join(" ", e.fieldErrors().values()));
        } catch (HumanChatException e) {
            setErrorMessage(e.getMessage());
            password.setText("");
            password.setFocus();
        } finally {
            Arrays.fill(typed, '\0');
            Arrays.fill(again, '\0');
        }
    }

    /** The session once signed in; null when the dialog was closed without. */
    public SignInSession session() {
        return session;
    }

    public boolean keepSignedIn() {
        return keepSignedIn;
    }

    @Override
    protected boolean isResizable() {
        return true;
    }
}
