package org.onedoor.organisation;

import java.util.Locale;
import org.onedoor.shared.InvalidParameter;

/** What a unit is, which also fixes its level. Labels are in the message bundles under {@code unit.type.*}. */
public enum UnitType {
    /** Centrally-run city or province (thành phố trực thuộc trung ương, tỉnh); Lao ນະຄອນຫຼວງ / ແຂວງ. */
    PROVINCE_CITY(UnitLevel.PROVINCE),
    /** The People's Committee, the executive body of a city or province. */
    PEOPLES_COMMITTEE(UnitLevel.PROVINCE),
    /** Specialised department (Sở) or an agency of equal rank. */
    DEPARTMENT(UnitLevel.PROVINCE),
    /** Public administrative service centre (Trung tâm Phục vụ hành chính công). */
    SERVICE_CENTRE(UnitLevel.PROVINCE),
    /** A branch of the service centre (chi nhánh). */
    SERVICE_CENTRE_BRANCH(UnitLevel.PROVINCE),
    /** Public service enterprise (đơn vị sự nghiệp công lập) serving administrative procedures. */
    PUBLIC_SERVICE_ENTERPRISE(UnitLevel.PROVINCE),
    /** Urban district (quận). */
    URBAN_DISTRICT(UnitLevel.DISTRICT),
    /** Rural district (huyện). */
    RURAL_DISTRICT(UnitLevel.DISTRICT),
    /** District-level town (thị xã). */
    DISTRICT_TOWN(UnitLevel.DISTRICT),
    /** District of Laos (ເມືອງ, muang). */
    DISTRICT(UnitLevel.DISTRICT),
    /** Ward (phường). */
    WARD(UnitLevel.COMMUNE),
    /** Commune (xã). */
    COMMUNE(UnitLevel.COMMUNE),
    /** Township (thị trấn), a commune-level unit before 1 July 2025. */
    TOWNSHIP(UnitLevel.COMMUNE),
    /** Special zone (đặc khu), a commune-level island unit since 1 July 2025. */
    SPECIAL_ZONE(UnitLevel.COMMUNE),
    /** Village of Laos (ບ້ານ, ban). */
    VILLAGE(UnitLevel.COMMUNE);

    private final UnitLevel level;

    UnitType(UnitLevel level) {
        this.level = level;
    }

    public UnitLevel level() {
        return level;
    }

    public static UnitType parse(String parameter, String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter(parameter, value);
        }
    }
}
