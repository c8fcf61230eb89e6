package org.humanchat.core.tests;

import java.nio.file.Path;

import org.humanchat.persistence.internal.DatabaseSettings;
import org.junit.jupiter.api.io.TempDir;

class OutboxOnH2Test extends OutboxContract {

    @TempDir
    Path folder;

    @Override
    DatabaseSettings database() {
        return Databases.freshH2(folder);
    }
}
