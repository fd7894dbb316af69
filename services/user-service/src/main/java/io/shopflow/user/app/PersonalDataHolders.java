package io.shopflow.user.app;

import io.shopflow.events.personaldata.PersonalDataPart;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;

/** The other services that keep data about users, asked all at once what they keep about one. */
public interface PersonalDataHolders {

    /** The answers that came within {@code waitFor}, one per service at most, and who did not answer in time. */
    record Answers(List<PersonalDataPart> parts, List<String> notAnswered) {
    }

    /**
     * Asks every holder and waits for the answers of {@code expected}, at most {@code waitFor}.
     *
     * @return fails (503) only when the question could not be sent; holders that did not answer are listed
     */
    Uni<Answers> ask(String userId, List<String> expected, Duration waitFor);
}
