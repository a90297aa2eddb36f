package io.querydoctor.monitor.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * What a page is built from: the store, the chosen database (the first one when none is chosen) and time range,
 * and the request for page-specific parameters (sort, search, query id).
 */
record PageContext(DashboardStore store, String target, List<String> targets, TimeRange range,
    DashboardRequest request, Instant now, boolean allowCancel) {

  Page page(String id, String title, List<Page.Section> sections) {
    return new Page(id, title, target, targets, range.name(), sections);
  }

  String parameter(String name) {
    return request.parameter(name);
  }

  PageLinks links() {
    String search = request.parameter("q");
    return new PageLinks(request.path(), target, range.name(), search == null ? "" : search);
  }
}
