/** The generic webhook channel: signed JSON in, signed JSON POSTed to a callback URL out. */
package org.humanchat.channel.webhook.internal;
