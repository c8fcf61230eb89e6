/** An example SMS channel connector over a Twilio-style API, built with Human Chat but not shipped in the product. */
package org.humanchat.example.sms.internal;
