package org.humanchat.core.tests;

import java.nio.file.Path;

import org.humanchat.persistence.internal.DatabaseSettings;
import org.junit.jupiter.api.io.TempDir;

class RolesOnH2Test extends RolesContract {

    @TempDir
    Path folder;

    @Override
    DatabaseSettings database() {
        return Databases.freshH2(folder);
    }
}
