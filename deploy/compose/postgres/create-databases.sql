-- One database per service on the one server (the cluster gives each service a server of its own). The names are
-- the ones the services' application.properties use, so ./platform and compose agree.
CREATE DATABASE users;
CREATE DATABASE orders;
CREATE DATABASE inventory;
CREATE DATABASE payments;
CREATE DATABASE shipments;
CREATE DATABASE notifications;
