package io.shopflow.observability;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;

/** A gRPC service for the test application to answer (the health protocol's, whose classes ship with Quarkus). */
@GrpcService
class AlwaysServing extends HealthGrpc.HealthImplBase {

    @Override
    public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> answer) {
        answer.onNext(HealthCheckResponse.newBuilder().setStatus(ServingStatus.SERVING).build());
        answer.onCompleted();
    }
}
