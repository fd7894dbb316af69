package io.shopflow.events.personaldata;

/**
 * Asks every service that holds personal data what it holds about one user: the request of the export
 * (docs/personal-data.md#exporting-what-the-platform-holds). Not an event: a request over Kafka request-reply, on
 * {@link #TOPIC} with SmallRye's request-reply headers ({@code REPLY_CORRELATION_ID}, {@code REPLY_TOPIC}, optionally
 * {@code REPLY_PARTITION}); each holder answers once with a {@link PersonalDataPart}. In the AsyncAPI document too.
 */
public record PersonalDataRequest(String userId) {

    /** Where requests go; every holder reads it in a consumer group of its own. */
    public static final String TOPIC = "shopflow.personal-data.requests";

    /** Where answers go unless a request's {@code REPLY_TOPIC} says otherwise: SmallRye's default, topic + -replies. */
    public static final String ANSWER_TOPIC = TOPIC + "-replies";

    /** The longest user id a holder looks up. */
    public static final int MAX_USER_ID_LENGTH = 200;
}
