package io.querydoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Severity;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JunitXmlReportRendererTest {

  private static Document render(Report report, Severity failAt) throws Exception {
    StringWriter out = new StringWriter();
    new JunitXmlReportRenderer(failAt).render(report, out);
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new InputSource(new StringReader(out.toString())));
  }

  @Test
  void findingsAtTheFailLevelAreFailuresTheOthersPassAndSkippedChecksAreSkipped() throws Exception {
    Document xml = render(SampleReports.full(), Severity.HIGH);
    Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("tests")).isEqualTo("4");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    NodeList failures = xml.getElementsByTagName("failure");
    assertThat(failures.getLength()).isEqualTo(1);
    Element failure = (Element) failures.item(0);
    assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("missing-fk-index:public.posts(user_id)");
    assertThat(failure.getAttribute("type")).isEqualTo("high");
    assertThat(failure.getTextContent()).contains("table_rows = 150,000 rows (threshold 1,000 rows)")
        .contains("CREATE INDEX CONCURRENTLY posts_user_id_idx");
  }

  @Test
  void hostileTextStaysWellFormed() throws Exception {
    Document xml = render(HostileReports.full(), Severity.INFO);
    assertThat(xml.getElementsByTagName("testcase").getLength()).isGreaterThan(0);
  }

  @Test
  void aCleanRunIsOnePassedTestCase() throws Exception {
    Document xml = render(new Report(1, "querydoctor test", Instant.EPOCH, "x", 0, List.of(), List.of()),
        Severity.INFO);
    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(1);
    assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
  }
}
