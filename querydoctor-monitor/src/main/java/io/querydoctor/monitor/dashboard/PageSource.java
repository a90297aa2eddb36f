package io.querydoctor.monitor.dashboard;

import java.sql.SQLException;

/**
 * Builds one page's data from the store. Called on the HTTP server's threads, concurrently; implementations
 * hold no state. A failure is shown to the browser redacted ({@link DashboardServer}).
 */
interface PageSource {
  Page build(PageContext context) throws SQLException;
}
