package org.humanchat.core.tests;

import java.nio.file.Path;

import org.humanchat.persistence.internal.DatabaseSettings;
import org.junit.jupiter.api.io.TempDir;

class AccountsOnH2Test extends AccountsContract {

    @TempDir
    Path folder;

    @Override
    DatabaseSettings database() {
        return Databases.freshH2(folder);
    }

    @Override
    DatabaseSettings emptyDatabase() {
        return Databases.freshH2(folder.resolve("empty"));
    }

    @Override
    boolean shared() {
        return false;
    }
}
