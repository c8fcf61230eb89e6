package org.humanchat.persistence.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Human Chat attachments", description = "Where files sent with messages are kept")
public @interface AttachmentConfig {

    @AttributeDefinition(name = "Folder", description = "Empty: 'attachments' in the data folder")
    String folder() default "";

    @AttributeDefinition(name = "Largest file (bytes)", min = "1")
    long maxBytes() default 25L * 1024 * 1024;
}
