package org.humanchat.brain.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One rules Brain instance: factory PID {@code org.humanchat.brain.rules}. */
@ObjectClassDefinition(name = "Rules Brain", description = "Answers from a list of questions and hands over to humans")
public @interface RulesBrainConfig {

    @AttributeDefinition(name = "Brain id", description = "The Brain of the desk this instance serves")
    long humanchat_brain_id();

    @AttributeDefinition(name = "Greeting", description = "Sent before the first answer of a conversation; empty for none",
            required = false)
    String greeting() default "Hi! I'm the virtual assistant. Ask me anything, or type \"agent\" to talk to a person.";

    @AttributeDefinition(name = "FAQ", description = "One entry each: keywords separated by | , then => , then the answer."
            + " Example: opening|hours => We are open Monday to Friday, 9 to 17.")
    String[] faq() default { "hours|open|opening => We are open Monday to Friday, 9:00 to 17:00.",
            "price|pricing|cost => Our plans start at 10 EUR a month. See the pricing page for details.",
            "password|login|log in => You can reset your password from the login page: choose \"Forgot password\"." };

    @AttributeDefinition(name = "Handover phrases", description = "Words that ask for a human")
    String[] handoverPhrases() default { "agent", "human", "person", "operator" };

    @AttributeDefinition(name = "Not understood", description = "Sent when no FAQ entry matches")
    String notUnderstood() default "Sorry, I did not understand that. Could you say it differently?";

    @AttributeDefinition(name = "Handover after", description = "Unanswered messages in a row before humans take over",
            min = "1")
    int handoverAfter() default 2;

    @AttributeDefinition(name = "Handover text", description = "Sent when the conversation goes to humans")
    String handoverText() default "Let me bring in a colleague. Someone will be with you shortly.";
}
