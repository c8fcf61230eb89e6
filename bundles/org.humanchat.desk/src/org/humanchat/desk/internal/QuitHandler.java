package org.humanchat.desk.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.IWorkbench;

/** File > Quit (Ctrl+Q): closes the workbench, which shuts the framework down cleanly. */
public final class QuitHandler {

    @Execute
    public void quit(IWorkbench workbench) {
        workbench.close();
    }
}
