package io.raftmetrics.api.ingest;

/**
 * The value types a point can have, with KairosDB's API type names ({@code long}, {@code double}, {@code string}) and
 * datastore type names ({@code kairos_long}, ...). The code is the byte stored in log entries; never renumber.
 */
public enum DataType {
  LONG(1, "long", "kairos_long"),
  DOUBLE(2, "double", "kairos_double"),
  STRING(3, "string", "kairos_string");

  private final int code;
  private final String apiName;
  private final String kairosName;

  DataType(int code, String apiName, String kairosName) {
    this.code = code;
    this.apiName = apiName;
    this.kairosName = kairosName;
  }

  public int code() {
    return code;
  }

  /** @return the KairosDB API type name, as in {@code "type":"long"} */
  public String apiName() {
    return apiName;
  }

  /** @return the KairosDB datastore type, part of the Cassandra row key */
  public String kairosName() {
    return kairosName;
  }

  public boolean isNumeric() {
    return this != STRING;
  }

  public static DataType ofCode(int code) {
    switch (code) {
      case 1: return LONG;
      case 2: return DOUBLE;
      case 3: return STRING;
      default: throw new IllegalArgumentException("unknown data type code " + code);
    }
  }

  /** @return the type registered under a KairosDB API type name, or null if none is */
  public static DataType ofApiName(String name) {
    for (DataType t : values()) {
      if (t.apiName.equals(name)) {
        return t;
      }
    }
    return null;
  }
}
