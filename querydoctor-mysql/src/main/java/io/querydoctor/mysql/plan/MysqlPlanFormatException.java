package io.querydoctor.mysql.plan;

/** The input is not a MySQL/MariaDB plan the readers understand; the message says what is wrong in one line. */
public class MysqlPlanFormatException extends IllegalArgumentException {

  public MysqlPlanFormatException(String message) {
    super(message);
  }

  public MysqlPlanFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
