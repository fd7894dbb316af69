package io.shopflow.events.quarkus;

/**
 * How the topics of a consumer's dead letters are named, in one place. A consumer {@code <consumer>} reading
 * {@code <topic>} dead-letters to {@code <topic>.dlq.<consumer>}, and its redrives come back on
 * {@code <topic>.redrive.<consumer>}, which only its own channel reads. A record dead-lettered again after a redrive
 * goes to the same dead-letter topic as the first time.
 */
public final class DeadLetterTopics {

    private static final String DEAD_LETTER_INFIX = ".dlq.";
    private static final String REDRIVE_INFIX = ".redrive.";

    private DeadLetterTopics() {
    }

    /** Where {@code consumer} dead-letters a record it read from {@code consumedTopic} (a topic or its redrive topic). */
    public static String deadLetterTopic(String consumedTopic, String consumer) {
        String redriveSuffix = REDRIVE_INFIX + consumer;
        String topic = consumedTopic.endsWith(redriveSuffix)
                ? consumedTopic.substring(0, consumedTopic.length() - redriveSuffix.length()) : consumedTopic;
        return topic + DEAD_LETTER_INFIX + consumer;
    }

    /** The topic that brings {@code consumer} alone the events of {@code topic} again. */
    public static String redriveTopicOf(String topic, String consumer) {
        return topic + REDRIVE_INFIX + consumer;
    }

    /** Whether {@code topic} is {@code consumer}'s redrive topic of some topic. */
    public static boolean isRedriveTopic(String topic, String consumer) {
        return topic.endsWith(REDRIVE_INFIX + consumer);
    }

    /** The redrive topic that belongs with {@code deadLetterTopic}, a {@code <topic>.dlq.<consumer>}. */
    public static String redriveTopic(String deadLetterTopic) {
        int infix = deadLetterTopic.lastIndexOf(DEAD_LETTER_INFIX);
        if (infix < 0) {
            throw new IllegalArgumentException(deadLetterTopic + " is not named <topic>.dlq.<consumer>");
        }
        return redriveTopicOf(deadLetterTopic.substring(0, infix),
                deadLetterTopic.substring(infix + DEAD_LETTER_INFIX.length()));
    }
}
