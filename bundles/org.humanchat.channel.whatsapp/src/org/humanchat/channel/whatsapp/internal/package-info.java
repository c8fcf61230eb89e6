/** The WhatsApp Cloud API channel connector. */
package org.humanchat.channel.whatsapp.internal;
