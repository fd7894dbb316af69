package io.shopflow.events.personaldata;

import java.util.List;
import java.util.Map;

/**
 * One service's answer to a {@link PersonalDataRequest}: the rows it keeps about the user, each as its table's
 * columns with the table's name as {@code kind}.
 *
 * @param truncated more rows were there than {@code shopflow.personal-data.max-records}
 */
public record PersonalDataPart(String service, List<Map<String, Object>> records, boolean truncated) {
}
