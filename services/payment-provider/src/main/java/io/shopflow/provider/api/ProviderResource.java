package io.shopflow.provider.api;

import io.shopflow.provider.app.PaymentProvider;
import io.shopflow.provider.domain.Behaviour;
import io.shopflow.provider.domain.Charge;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** The provider's HTTP API, and its admin side for changing how it behaves while it runs. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProviderResource {

    private final PaymentProvider provider;

    public ProviderResource(PaymentProvider provider) {
        this.provider = provider;
    }

    /** 201 for a new charge, 200 for a reference charged before, 402 declined, 503 outage (nothing charged). */
    @POST
    @Path("/v1/charges")
    public Uni<RestResponse<Charge>> charge(@NotNull @Valid ChargeRequest request) {
        return afterLatency(() -> {
            var charged = provider.charge(request);
            return RestResponse.status(charged.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK,
                    charged.charge());
        });
    }

    /** No body needed: the charge is given back whole. */
    @POST
    @Path("/v1/charges/{id}/refund")
    @Consumes(MediaType.WILDCARD)
    public Uni<Charge> refund(@PathParam("id") String id) {
        return afterLatency(() -> provider.refund(id));
    }

    @GET
    @Path("/v1/charges")
    public List<Charge> charges(@RestQuery String reference) {
        return provider.charges(reference);
    }

    @GET
    @Path("/admin/behaviour")
    public Behaviour behaviour() {
        return provider.behaviour();
    }

    @PUT
    @Path("/admin/behaviour")
    public Behaviour behave(@NotNull @Valid Behaviour behaviour) {
        provider.behave(behaviour);
        return behaviour;
    }

    /** Answers after the configured latency without holding a thread, as a slow remote server would. */
    private <T> Uni<T> afterLatency(Supplier<T> answer) {
        var latency = provider.latency();
        var delayed = Uni.createFrom().voidItem();
        return (latency.isZero() ? delayed : delayed.onItem().delayIt().by(latency)).map(ignored -> answer.get());
    }
}
