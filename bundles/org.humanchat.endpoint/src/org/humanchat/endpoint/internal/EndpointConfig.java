package org.humanchat.endpoint.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Human Chat endpoint", description = "The HTTP endpoint channels post to")
public @interface EndpointConfig {

    @AttributeDefinition(name = "Bind address",
            description = "127.0.0.1 (default) serves this machine only; 0.0.0.0 serves every network interface")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "0 picks a free port", min = "0", max = "65535")
    int port() default 8737;

    @AttributeDefinition(name = "Idle timeout (ms)", min = "1000")
    long idleTimeoutMillis() default 60_000;

    @AttributeDefinition(name = "TLS keystore",
            description = "A PKCS12 (or JKS) keystore with the server's key and certificate: the endpoint serves HTTPS"
                    + " only. Empty (default): plain HTTP, for this machine or behind a TLS reverse proxy")
    String tlsKeystore() default "";

    @AttributeDefinition(name = "TLS keystore password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String tlsKeystorePassword() default "";

    @AttributeDefinition(name = "TLS keystore type", description = "PKCS12 (default) or JKS")
    String tlsKeystoreType() default "PKCS12";

    @AttributeDefinition(name = "Admin API from anywhere",
            description = "Off: /admin/ answers only requests from this machine. On: from anywhere (use HTTPS)")
    boolean adminApiFromAnywhere() default false;
}
