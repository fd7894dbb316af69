package io.shopflow.user.app;

import io.shopflow.events.personaldata.PersonalDataPart;
import io.shopflow.user.config.UserServiceConfig;
import io.shopflow.user.domain.User;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the platform holds about a user, for their right of access (GDPR art. 15): their profile, opened, and what
 * every other service keeps about them, gathered over Kafka request-reply (docs/personal-data.md). The holders are
 * asked all at once and answer on their own time; the export waits a bounded time and names the services that did
 * not answer, rather than fail because one is down or pretend to be complete.
 */
@ApplicationScoped
public class PersonalDataExport {

    /**
     * @param heldElsewhere what each other service keeps, one part per service that answered
     * @param notAnswered   holders that did not answer in time: the export is incomplete while this is not empty
     */
    public record Export(User user, List<PersonalDataPart> heldElsewhere, List<String> notAnswered,
                         Instant gatheredAt) {
    }

    private final UserDirectory directory;
    private final PersonalDataHolders holders;
    private final UserServiceConfig.PersonalDataExport config;

    public PersonalDataExport(UserDirectory directory, PersonalDataHolders holders, UserServiceConfig config) {
        this.directory = directory;
        this.holders = holders;
        this.config = config.personalDataExport();
    }

    /** Fails as {@link UserDirectory#get} does for an unknown or erased user, before any other service is asked. */
    public Uni<Export> of(UUID id) {
        return directory.get(id).flatMap(user -> holders.ask(id.toString(), config.holders(), config.waitFor())
                .map(answers -> new Export(user, answers.parts(), answers.notAnswered(), Instant.now())));
    }
}
