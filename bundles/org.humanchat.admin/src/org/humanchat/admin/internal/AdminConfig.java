package org.humanchat.admin.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Human Chat connectors", description = "Where connector bundles are dropped in")
public @interface AdminConfig {

    @AttributeDefinition(name = "Drop-in folder",
            description = "Jars copied here are installed, replaced ones updated, deleted ones removed; "
                    + "empty: the folder 'connectors' in the data folder")
    String dropInFolder() default "";

    @AttributeDefinition(name = "Scan interval (ms)", min = "50")
    long scanMillis() default 1000;
}
