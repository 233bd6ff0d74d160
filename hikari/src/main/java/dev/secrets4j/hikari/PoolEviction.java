package dev.secrets4j.hikari;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.secrets4j.RotationListener;
import java.lang.ref.WeakReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a rotation of the credentials secret, soft-evicts every connection of one pool: idle connections are closed
 * and replaced (with the new password, by the credentials provider), connections in use are retired when returned.
 * Holds the pool weakly, so a pool that is dropped without being closed can still be collected.
 */
final class PoolEviction implements RotationListener {
  private static final Logger LOG = LoggerFactory.getLogger(SecretsCredentialsProvider.class);

  private final WeakReference<HikariDataSource> pool;

  PoolEviction(HikariDataSource pool) {
    this.pool = new WeakReference<>(pool);
  }

  @Override
  public void onRotation(String secretName, String previousVersionId, String currentVersionId) {
    HikariDataSource ds = pool.get();
    if (ds == null || ds.isClosed()) {
      return;
    }
    HikariPoolMXBean bean = ds.getHikariPoolMXBean();
    if (bean == null) {
      return; // not started yet: its first connections will use the new version anyway
    }
    bean.softEvictConnections();
    LOG.info("secret '{}' rotated from version {} to {}: soft-evicted the connections of pool {}", secretName,
        previousVersionId, currentVersionId, ds.getPoolName());
  }
}
