package io.shopflow.benchmarks;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The DataSource a relay setup runs on, closed with it when it is a pool. */
final class RelayConnections implements AutoCloseable {

    /**
     * A service's quarkus.datasource.jdbc.max-size: a relay needs one per publishing worker and one for its backlog
     * sample.
     */
    private static final int POOL_MAX_SIZE = 4;

    private final DataSource dataSource;

    private RelayConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static RelayConnections of(RelaySetup setup, PGSimpleDataSource unpooled) throws SQLException {
        if (!setup.pooled()) {
            return new RelayConnections(unpooled);
        }
        var config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .maxSize(Math.max(POOL_MAX_SIZE, setup.relays() * (setup.workers() + 1)))
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl(unpooled.getUrl())
                                .principal(new NamePrincipal(unpooled.getUser()))
                                .credential(new SimplePassword(unpooled.getPassword()))));
        return new RelayConnections(AgroalDataSource.from(config));
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        if (dataSource instanceof AgroalDataSource pool) {
            pool.close();
        }
    }
}
