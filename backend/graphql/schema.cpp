#include "backend/graphql/schema.h"

#include "backend/graphql/relationshipnames.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace trefoil::graphql {

namespace {

bool isGraphqlName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[_A-Za-z][_0-9A-Za-z]*$"));
    return re.match(name).hasMatch() && !name.startsWith(QLatin1String("__"));
}

InputValueDef arg(
    const QString &name, const QString &type, const QString &description = {}, const QString &defaultValue = {})
{
    return InputValueDef { name, type, defaultValue, description };
}

FieldDef field(const QString &name, const QString &type, const QString &description = {})
{
    FieldDef f;
    f.name = name;
    f.type = type;
    f.description = description;
    return f;
}

const QStringList comparableScalars = { QStringLiteral("Int"), QStringLiteral("bigint"), QStringLiteral("numeric"),
    QStringLiteral("Float"), QStringLiteral("String"), QStringLiteral("timestamptz"), QStringLiteral("timestamp"),
    QStringLiteral("date"), QStringLiteral("time"), QStringLiteral("timetz"), QStringLiteral("smallint") };

} // namespace

const FieldDef *TypeDef::field(const QString &fieldName) const
{
    for (const FieldDef &f : fields) {
        if (f.name == fieldName)
            return &f;
    }
    return nullptr;
}

const InputValueDef *TypeDef::inputField(const QString &fieldName) const
{
    for (const InputValueDef &f : inputFields) {
        if (f.name == fieldName)
            return &f;
    }
    return nullptr;
}

const CatalogColumn *TableInfo::column(const QString &columnName) const
{
    for (const CatalogColumn &c : columns) {
        if (c.name == columnName)
            return &c;
    }
    return nullptr;
}

const Relationship *TableInfo::relationship(const QString &relationshipName) const
{
    for (const Relationship &r : relationships) {
        if (r.name == relationshipName)
            return &r;
    }
    return nullptr;
}

QString Schema::namedType(const QString &typeString)
{
    QString name = typeString;
    name.remove(QLatin1Char('[')).remove(QLatin1Char(']')).remove(QLatin1Char('!'));
    return name.trimmed();
}

bool Schema::isList(const QString &typeString)
{
    return typeString.startsWith(QLatin1Char('['));
}

QString Schema::unwrapOne(const QString &typeString)
{
    if (isNonNull(typeString))
        return typeString.left(typeString.size() - 1);
    if (isList(typeString))
        return typeString.mid(1, typeString.size() - 2);
    return typeString;
}

QString Schema::scalarFor(const QString &pgTypeName)
{
    static const QHash<QString, QString> map = {
        { QStringLiteral("int2"), QStringLiteral("Int") },
        { QStringLiteral("int4"), QStringLiteral("Int") },
        { QStringLiteral("int8"), QStringLiteral("bigint") },
        { QStringLiteral("numeric"), QStringLiteral("numeric") },
        { QStringLiteral("float4"), QStringLiteral("Float") },
        { QStringLiteral("float8"), QStringLiteral("Float") },
        { QStringLiteral("text"), QStringLiteral("String") },
        { QStringLiteral("varchar"), QStringLiteral("String") },
        { QStringLiteral("bpchar"), QStringLiteral("String") },
        { QStringLiteral("name"), QStringLiteral("String") },
        { QStringLiteral("citext"), QStringLiteral("String") },
        { QStringLiteral("bool"), QStringLiteral("Boolean") },
        { QStringLiteral("uuid"), QStringLiteral("uuid") },
        { QStringLiteral("timestamptz"), QStringLiteral("timestamptz") },
        { QStringLiteral("timestamp"), QStringLiteral("timestamp") },
        { QStringLiteral("date"), QStringLiteral("date") },
        { QStringLiteral("time"), QStringLiteral("time") },
        { QStringLiteral("timetz"), QStringLiteral("timetz") },
        { QStringLiteral("jsonb"), QStringLiteral("jsonb") },
        { QStringLiteral("json"), QStringLiteral("json") },
    };
    const auto it = map.constFind(pgTypeName);
    if (it != map.constEnd())
        return *it;
    if (pgTypeName.startsWith(QLatin1Char('_')) && isGraphqlName(pgTypeName.mid(1)))
        return pgTypeName; // arrays: _text, _int4, …
    return QStringLiteral("String");
}

bool Schema::isNumericScalar(const QString &scalar)
{
    return scalar == QLatin1String("Int") || scalar == QLatin1String("bigint") || scalar == QLatin1String("numeric")
        || scalar == QLatin1String("Float");
}

const TypeDef *Schema::type(const QString &name) const
{
    const auto it = m_index.constFind(name);
    return it == m_index.constEnd() ? nullptr : &m_types[size_t(*it)];
}

void Schema::add(TypeDef type)
{
    if (m_index.contains(type.name))
        return;
    m_index.insert(type.name, int(m_types.size()));
    m_types.push_back(std::move(type));
}

void Schema::addScalarAndComparison(const QString &scalar)
{
    if (!hasType(scalar)) {
        TypeDef t;
        t.kind = TypeKind::Scalar;
        t.name = scalar;
        add(t);
    }
    const QString name = scalar + QLatin1String("_comparison_exp");
    if (hasType(name))
        return;
    TypeDef cmp;
    cmp.kind = TypeKind::InputObject;
    cmp.name = name;
    cmp.description = QStringLiteral(
        "Boolean expression to compare columns of type \"%1\". All fields are combined with logical 'AND'.")
                          .arg(scalar);
    const bool json = scalar == QLatin1String("json");
    const bool jsonb = scalar == QLatin1String("jsonb");
    const bool string = scalar == QLatin1String("String");
    const QString list = QLatin1Char('[') + scalar + QLatin1String("!]");
    cmp.inputFields.push_back(arg(QStringLiteral("_is_null"), QStringLiteral("Boolean")));
    if (!json) {
        for (const char *op : { "_eq", "_gt", "_gte", "_lt", "_lte", "_neq" })
            cmp.inputFields.push_back(arg(QLatin1String(op), scalar));
        cmp.inputFields.push_back(arg(QStringLiteral("_in"), list));
        cmp.inputFields.push_back(arg(QStringLiteral("_nin"), list));
    }
    if (string) {
        for (const char *op : { "_like", "_nlike", "_ilike", "_nilike", "_similar", "_nsimilar", "_regex", "_nregex",
                 "_iregex", "_niregex" })
            cmp.inputFields.push_back(arg(QLatin1String(op), scalar));
    }
    if (jsonb) {
        // `_cast: {String: …}` compares the value's text with String's operators.
        addScalarAndComparison(QStringLiteral("String"));
        TypeDef cast;
        cast.kind = TypeKind::InputObject;
        cast.name = QStringLiteral("jsonb_cast_exp");
        cast.inputFields = { arg(QStringLiteral("String"), QStringLiteral("String_comparison_exp")) };
        add(cast);
        cmp.inputFields.push_back(arg(QStringLiteral("_cast"), cast.name));
        cmp.inputFields.push_back(
            arg(QStringLiteral("_contains"), scalar, QStringLiteral("does the column contain the given json value")));
        cmp.inputFields.push_back(arg(QStringLiteral("_contained_in"), scalar,
            QStringLiteral("is the column contained in the given json value")));
        cmp.inputFields.push_back(arg(QStringLiteral("_has_key"), QStringLiteral("String"),
            QStringLiteral("does the string exist as a top-level key in the column")));
        cmp.inputFields.push_back(arg(QStringLiteral("_has_keys_all"), QStringLiteral("[String!]"),
            QStringLiteral("do all of these strings exist as top-level keys in the column")));
        cmp.inputFields.push_back(arg(QStringLiteral("_has_keys_any"), QStringLiteral("[String!]"),
            QStringLiteral("do any of these strings exist as top-level keys in the column")));
    }
    // Introspection lists the operators by name, as Hasura does.
    std::sort(cmp.inputFields.begin(), cmp.inputFields.end(),
        [](const InputValueDef &a, const InputValueDef &b) { return a.name < b.name; });
    add(cmp);
}

std::shared_ptr<const Schema> Schema::build(const Catalog &catalog, const QStringList &schemas,
    const std::vector<CustomRootField> &allCustom, const QString &role)
{
    auto schema = std::make_shared<Schema>();
    std::vector<CustomRootField> custom;
    for (const CustomRootField &cf : allCustom) {
        if (cf.roles.isEmpty() || cf.roles.contains(role))
            custom.push_back(cf);
    }
    schema->m_custom = custom;
    for (const QString &builtin : { QStringLiteral("Int"), QStringLiteral("Float"), QStringLiteral("String"),
             QStringLiteral("Boolean"), QStringLiteral("ID") }) {
        TypeDef t;
        t.name = builtin;
        schema->add(t);
    }
    TypeDef orderBy;
    orderBy.kind = TypeKind::Enum;
    orderBy.name = QStringLiteral("order_by");
    orderBy.description = QStringLiteral("column ordering options");
    orderBy.enumValues = { QStringLiteral("asc"), QStringLiteral("asc_nulls_first"), QStringLiteral("asc_nulls_last"),
        QStringLiteral("desc"), QStringLiteral("desc_nulls_first"), QStringLiteral("desc_nulls_last") };
    schema->add(orderBy);

    // Tables first, so foreign keys can point at their indexes.
    QHash<QString, int> byQualifiedName;
    for (const CatalogTable &ct : catalog.tables) {
        if (!schemas.contains(ct.schema) || catalog.untracked.contains(ct.schema + QLatin1Char('.') + ct.name))
            continue;
        const QString graphqlName
            = ct.schema == QLatin1String("public") ? ct.name : ct.schema + QLatin1Char('_') + ct.name;
        if (!isGraphqlName(graphqlName))
            continue;
        TableInfo table;
        table.schema = ct.schema;
        table.name = ct.name;
        table.graphqlName = graphqlName;
        table.isView = ct.isView;
        for (const CatalogColumn &column : ct.columns) {
            if (isGraphqlName(column.name))
                table.columns.push_back(column);
        }
        if (table.columns.empty())
            continue;
        for (const CatalogConstraint &k : ct.constraints) {
            if (k.type == QLatin1Char('p'))
                table.primaryKey = k.columns;
            if ((k.type == QLatin1Char('p') || k.type == QLatin1Char('u')) && isGraphqlName(k.name))
                table.uniqueConstraints.append(k.name);
        }
        byQualifiedName.insert(ct.schema + QLatin1Char('.') + ct.name, int(schema->m_tables.size()));
        schema->m_tables.push_back(std::move(table));
    }
    const auto taken = [](const TableInfo &t, const QString &name) {
        return name.isEmpty() || t.column(name) != nullptr || t.relationship(name) != nullptr;
    };
    const auto nonNullKey = [](const TableInfo &t, const QStringList &columns) {
        return std::all_of(columns.cbegin(), columns.cend(), [&t](const QString &c) {
            const CatalogColumn *column = t.column(c);
            return column && column->notNull;
        });
    };
    const auto sameJoin = [](const TableInfo &t, const QString &name, const Relationship &r) {
        const Relationship *existing = t.relationship(name);
        return existing && existing->isArray == r.isArray && existing->target == r.target
            && existing->columns == r.columns && existing->targetColumns == r.targetColumns;
    };
    // Relationships defined in metadata come first: their names are the user's.
    for (const MetadataRelationship &m : catalog.relationships) {
        const int source = byQualifiedName.value(m.schema + QLatin1Char('.') + m.table, -1);
        const std::optional<ResolvedRelationship> resolved = catalog.resolve(m, nullptr);
        if (source < 0 || !resolved || !isGraphqlName(m.name))
            continue;
        const int target = byQualifiedName.value(resolved->targetSchema + QLatin1Char('.') + resolved->targetTable, -1);
        TableInfo &from = schema->m_tables[size_t(source)];
        if (target < 0 || taken(from, m.name) || (m.isArray && taken(from, m.name + QLatin1String("_aggregate"))))
            continue;
        Relationship r;
        r.name = m.name;
        r.isArray = m.isArray;
        r.target = target;
        r.columns = resolved->columns;
        r.targetColumns = resolved->targetColumns;
        // Non-null only through this table's own foreign key: a manual or reverse one may find no row.
        const bool reverseKey = m.definition.value(QLatin1String("foreign_key_constraint_on")).isObject();
        r.nonNull = !m.isArray && !reverseKey && m.definition.contains(QLatin1String("foreign_key_constraint_on"))
            && nonNullKey(from, r.columns);
        r.targetInsertedFirst = !reverseKey;
        from.relationships.push_back(r);
    }
    // Relationships from foreign keys: object on the referencing table, array on the referenced one,
    // named as Hasura's console suggests. The names Trefoil gave before (object: the key column
    // without "_id"; array: the referencing table) are kept as second names where they differ and
    // are free, after every suggested name is placed, so existing documents keep working.
    std::vector<std::pair<int, Relationship>> earlierNames;
    for (const CatalogTable &ct : catalog.tables) {
        const int source = byQualifiedName.value(ct.schema + QLatin1Char('.') + ct.name, -1);
        if (source < 0)
            continue;
        for (const CatalogConstraint &k : ct.constraints) {
            if (k.type != QLatin1Char('f'))
                continue;
            const int target = byQualifiedName.value(k.refSchema + QLatin1Char('.') + k.refTable, -1);
            if (target < 0 || k.columns.size() != k.refColumns.size())
                continue;
            TableInfo &from = schema->m_tables[size_t(source)];
            TableInfo &to = schema->m_tables[size_t(target)];
            Relationship object;
            object.target = target;
            object.columns = k.columns;
            object.targetColumns = k.refColumns;
            object.nonNull = nonNullKey(from, k.columns);
            object.name = RelationshipNames::suggested(
                false, to.name, k.columns, [&](const QString &name) { return taken(from, name); });
            // Metadata that defines this very relationship under the suggested name (Hasura
            // metadata brought along) leaves no second, "…By…" copy.
            if (isGraphqlName(object.name) && !sameJoin(from, RelationshipNames::singular(to.name), object))
                from.relationships.push_back(object);
            const QString &firstColumn = k.columns.value(0);
            Relationship earlierObject = object;
            if (k.columns.size() == 1 && firstColumn.endsWith(QLatin1String("_id"))
                && !from.column(firstColumn.chopped(3)))
                earlierObject.name = firstColumn.chopped(3);
            else
                earlierObject.name = to.graphqlName;
            if (earlierObject.name != object.name)
                earlierNames.emplace_back(source, earlierObject);

            Relationship array;
            array.isArray = true;
            array.target = source;
            array.columns = k.refColumns;
            array.targetColumns = k.columns;
            array.name = RelationshipNames::suggested(true, from.name, k.columns,
                [&](const QString &name) { return taken(to, name) || taken(to, name + QLatin1String("_aggregate")); });
            if (isGraphqlName(array.name) && !sameJoin(to, RelationshipNames::plural(from.name), array))
                to.relationships.push_back(array);
            Relationship earlierArray = array;
            earlierArray.name = from.graphqlName;
            if (earlierArray.name != array.name)
                earlierNames.emplace_back(target, earlierArray);
        }
    }
    for (const auto &[index, relationship] : earlierNames) {
        TableInfo &t = schema->m_tables[size_t(index)];
        if (!taken(t, relationship.name)
            && !(relationship.isArray && taken(t, relationship.name + QLatin1String("_aggregate"))))
            t.relationships.push_back(relationship);
    }
    for (int i = 0; i < int(schema->m_tables.size()); ++i)
        schema->buildTable(i);

    // Root types.
    TypeDef query;
    query.kind = TypeKind::Object;
    query.name = QStringLiteral("query_root");
    TypeDef mutation;
    mutation.kind = TypeKind::Object;
    mutation.name = QStringLiteral("mutation_root");
    for (int i = 0; i < int(schema->m_tables.size()); ++i) {
        const TableInfo &t = schema->m_tables[size_t(i)];
        const QString &n = t.graphqlName;
        const std::vector<InputValueDef> selectArgs = { arg(QStringLiteral("distinct_on"),
                                                            QLatin1Char('[') + n + QLatin1String("_select_column!]"),
                                                            QStringLiteral("distinct select on columns")),
            arg(QStringLiteral("limit"), QStringLiteral("Int"), QStringLiteral("limit the number of rows returned")),
            arg(QStringLiteral("offset"), QStringLiteral("Int"),
                QStringLiteral("skip the first n rows. Use only with order_by")),
            arg(QStringLiteral("order_by"), QLatin1Char('[') + n + QLatin1String("_order_by!]"),
                QStringLiteral("sort the rows by one or more columns")),
            arg(QStringLiteral("where"), n + QLatin1String("_bool_exp"), QStringLiteral("filter the rows returned")) };
        FieldDef select = field(
            n, QLatin1Char('[') + n + QLatin1String("!]!"), QStringLiteral("fetch data from the table: \"%1\"").arg(n));
        select.args = selectArgs;
        select.role = FieldRole::Select;
        select.table = i;
        query.fields.push_back(select);
        FieldDef aggregate = field(n + QLatin1String("_aggregate"), n + QLatin1String("_aggregate!"),
            QStringLiteral("fetch aggregated fields from the table: \"%1\"").arg(n));
        aggregate.args = selectArgs;
        aggregate.role = FieldRole::SelectAggregate;
        aggregate.table = i;
        query.fields.push_back(aggregate);
        std::vector<InputValueDef> pkArgs;
        for (const QString &c : t.primaryKey)
            pkArgs.push_back(arg(c, scalarFor(t.column(c)->typeName) + QLatin1Char('!')));
        if (!t.primaryKey.isEmpty()) {
            FieldDef byPk = field(n + QLatin1String("_by_pk"), n,
                QStringLiteral("fetch data from the table: \"%1\" using primary key columns").arg(n));
            byPk.args = pkArgs;
            byPk.role = FieldRole::SelectByPk;
            byPk.table = i;
            query.fields.push_back(byPk);
        }
        if (t.isView)
            continue;
        const QString response = n + QLatin1String("_mutation_response");
        FieldDef del = field(
            QLatin1String("delete_") + n, response, QStringLiteral("delete data from the table: \"%1\"").arg(n));
        del.args = { arg(QStringLiteral("where"), n + QLatin1String("_bool_exp!"),
            QStringLiteral("filter the rows which have to be deleted")) };
        del.role = FieldRole::Delete;
        del.table = i;
        mutation.fields.push_back(del);
        if (!t.primaryKey.isEmpty()) {
            FieldDef delPk = field(QLatin1String("delete_") + n + QLatin1String("_by_pk"), n,
                QStringLiteral("delete single row from the table: \"%1\"").arg(n));
            delPk.args = pkArgs;
            delPk.role = FieldRole::DeleteByPk;
            delPk.table = i;
            mutation.fields.push_back(delPk);
        }
        const bool conflicts = !t.uniqueConstraints.isEmpty();
        FieldDef insert = field(
            QLatin1String("insert_") + n, response, QStringLiteral("insert data into the table: \"%1\"").arg(n));
        insert.args = { arg(QStringLiteral("objects"), QLatin1Char('[') + n + QLatin1String("_insert_input!]!"),
            QStringLiteral("the rows to be inserted")) };
        if (conflicts)
            insert.args.push_back(arg(
                QStringLiteral("on_conflict"), n + QLatin1String("_on_conflict"), QStringLiteral("upsert condition")));
        insert.role = FieldRole::Insert;
        insert.table = i;
        mutation.fields.push_back(insert);
        FieldDef insertOne = field(QLatin1String("insert_") + n + QLatin1String("_one"), n,
            QStringLiteral("insert a single row into the table: \"%1\"").arg(n));
        insertOne.args = { arg(
            QStringLiteral("object"), n + QLatin1String("_insert_input!"), QStringLiteral("the row to be inserted")) };
        if (conflicts)
            insertOne.args.push_back(arg(
                QStringLiteral("on_conflict"), n + QLatin1String("_on_conflict"), QStringLiteral("upsert condition")));
        insertOne.role = FieldRole::InsertOne;
        insertOne.table = i;
        mutation.fields.push_back(insertOne);
        std::vector<InputValueDef> setArgs;
        if (schema->hasType(n + QLatin1String("_inc_input")))
            setArgs.push_back(arg(QStringLiteral("_inc"), n + QLatin1String("_inc_input"),
                QStringLiteral("increments the numeric columns with given value of the filtered values")));
        setArgs.push_back(arg(QStringLiteral("_set"), n + QLatin1String("_set_input"),
            QStringLiteral("sets the columns of the filtered rows to the given values")));
        FieldDef update
            = field(QLatin1String("update_") + n, response, QStringLiteral("update data of the table: \"%1\"").arg(n));
        update.args = setArgs;
        update.args.push_back(arg(QStringLiteral("where"), n + QLatin1String("_bool_exp!"),
            QStringLiteral("filter the rows which have to be updated")));
        update.role = FieldRole::Update;
        update.table = i;
        mutation.fields.push_back(update);
        if (!t.primaryKey.isEmpty()) {
            FieldDef updatePk = field(QLatin1String("update_") + n + QLatin1String("_by_pk"), n,
                QStringLiteral("update single row of the table: \"%1\"").arg(n));
            updatePk.args = setArgs;
            updatePk.args.push_back(arg(QStringLiteral("pk_columns"), n + QLatin1String("_pk_columns_input!")));
            updatePk.role = FieldRole::UpdateByPk;
            updatePk.table = i;
            mutation.fields.push_back(updatePk);
        }
    }
    TypeDef subscription = query;
    subscription.name = QStringLiteral("subscription_root");
    schema->addStreamFields(subscription);

    // Custom root fields and their result types.
    for (int c = 0; c < int(custom.size()); ++c) {
        const CustomRootField &cf = custom[size_t(c)];
        if (!cf.returnFields.empty() && !schema->hasType(Schema::namedType(cf.returnType))) {
            TypeDef result;
            result.kind = TypeKind::Object;
            result.name = Schema::namedType(cf.returnType);
            for (const InputValueDef &rf : cf.returnFields) {
                result.fields.push_back(field(rf.name, rf.type, rf.description));
                if (!schema->hasType(Schema::namedType(rf.type)))
                    schema->addScalarAndComparison(Schema::namedType(rf.type));
            }
            schema->add(result);
        }
        if (!schema->hasType(Schema::namedType(cf.returnType)))
            schema->addScalarAndComparison(Schema::namedType(cf.returnType));
        for (const InputValueDef &a : cf.args) {
            if (!schema->hasType(Schema::namedType(a.type)))
                schema->addScalarAndComparison(Schema::namedType(a.type));
        }
        FieldDef f = field(cf.name, cf.returnType, cf.description);
        f.args = cf.args;
        f.role = FieldRole::Custom;
        f.custom = c;
        (cf.kind == RootKind::Query ? query : mutation).fields.push_back(f);
    }
    schema->add(query);
    if (!mutation.fields.empty())
        schema->add(mutation);
    schema->add(subscription);
    schema->addIntrospectionTypes();
    return schema;
}

void Schema::buildTable(int index)
{
    const TableInfo &t = m_tables[size_t(index)];
    const QString &n = t.graphqlName;
    const auto suffixed = [&n](const char *suffix) -> QString { return n + QLatin1String(suffix); };

    TypeDef object;
    object.kind = TypeKind::Object;
    object.name = n;
    object.description = QStringLiteral("columns and relationships of \"%1\"").arg(n);
    object.role = TypeRole::Table;
    object.table = index;
    TypeDef boolExp;
    boolExp.kind = TypeKind::InputObject;
    boolExp.name = suffixed("_bool_exp");
    boolExp.description = QStringLiteral(
        "Boolean expression to filter rows from the table \"%1\". All fields are combined with a logical 'AND'.")
                              .arg(n);
    boolExp.inputFields = { arg(QStringLiteral("_and"), QLatin1Char('[') + boolExp.name + QLatin1String("!]")),
        arg(QStringLiteral("_not"), boolExp.name),
        arg(QStringLiteral("_or"), QLatin1Char('[') + boolExp.name + QLatin1String("!]")) };
    TypeDef orderBy;
    orderBy.kind = TypeKind::InputObject;
    orderBy.name = suffixed("_order_by");
    orderBy.description = QStringLiteral("Ordering options when selecting data from \"%1\".").arg(n);
    TypeDef selectColumn;
    selectColumn.kind = TypeKind::Enum;
    selectColumn.name = suffixed("_select_column");
    selectColumn.description = QStringLiteral("select columns of table \"%1\"").arg(n);
    TypeDef insertInput;
    insertInput.kind = TypeKind::InputObject;
    insertInput.name = suffixed("_insert_input");
    insertInput.description = QStringLiteral("input type for inserting data into table \"%1\"").arg(n);
    TypeDef setInput;
    setInput.kind = TypeKind::InputObject;
    setInput.name = suffixed("_set_input");
    setInput.description = QStringLiteral("input type for updating data in table \"%1\"").arg(n);
    TypeDef incInput;
    incInput.kind = TypeKind::InputObject;
    incInput.name = suffixed("_inc_input");
    incInput.description = QStringLiteral("input type for incrementing numeric columns in table \"%1\"").arg(n);
    TypeDef updateColumn;
    updateColumn.kind = TypeKind::Enum;
    updateColumn.name = suffixed("_update_column");
    updateColumn.description = QStringLiteral("update columns of table \"%1\"").arg(n);
    TypeDef pkInput;
    pkInput.kind = TypeKind::InputObject;
    pkInput.name = suffixed("_pk_columns_input");
    pkInput.description = QStringLiteral("primary key columns input for table: %1").arg(n);

    std::vector<std::pair<QString, QString>> numericColumns; // name, scalar
    std::vector<std::pair<QString, QString>> comparableColumns;
    for (const CatalogColumn &c : t.columns) {
        const QString scalar = scalarFor(c.typeName);
        addScalarAndComparison(scalar);
        FieldDef f = field(c.name, c.notNull ? scalar + QLatin1Char('!') : scalar);
        f.role = FieldRole::Column;
        f.column = c.name;
        f.table = index;
        object.fields.push_back(f);
        boolExp.inputFields.push_back(arg(c.name, scalar + QLatin1String("_comparison_exp")));
        orderBy.inputFields.push_back(arg(c.name, QStringLiteral("order_by")));
        selectColumn.enumValues.append(c.name);
        if (!c.generated)
            insertInput.inputFields.push_back(arg(c.name, scalar));
        if (!c.generated) {
            setInput.inputFields.push_back(arg(c.name, scalar));
            updateColumn.enumValues.append(c.name);
        }
        if (isNumericScalar(scalar)) {
            numericColumns.emplace_back(c.name, scalar);
            if (!c.generated)
                incInput.inputFields.push_back(arg(c.name, scalar));
        }
        if (comparableScalars.contains(scalar))
            comparableColumns.emplace_back(c.name, scalar);
        if (t.primaryKey.contains(c.name))
            pkInput.inputFields.push_back(arg(c.name, scalar + QLatin1Char('!')));
    }
    for (int r = 0; r < int(t.relationships.size()); ++r) {
        const Relationship &rel = t.relationships[size_t(r)];
        const QString &target = m_tables[size_t(rel.target)].graphqlName;
        if (rel.isArray) {
            const std::vector<InputValueDef> args
                = { arg(QStringLiteral("distinct_on"), QLatin1Char('[') + target + QLatin1String("_select_column!]"),
                        QStringLiteral("distinct select on columns")),
                      arg(QStringLiteral("limit"), QStringLiteral("Int"),
                          QStringLiteral("limit the number of rows returned")),
                      arg(QStringLiteral("offset"), QStringLiteral("Int"),
                          QStringLiteral("skip the first n rows. Use only with order_by")),
                      arg(QStringLiteral("order_by"), QLatin1Char('[') + target + QLatin1String("_order_by!]"),
                          QStringLiteral("sort the rows by one or more columns")),
                      arg(QStringLiteral("where"), target + QLatin1String("_bool_exp"),
                          QStringLiteral("filter the rows returned")) };
            FieldDef f = field(
                rel.name, QLatin1Char('[') + target + QLatin1String("!]!"), QStringLiteral("An array relationship"));
            f.args = args;
            f.role = FieldRole::ArrayRelationship;
            f.table = rel.target;
            f.relationship = r;
            object.fields.push_back(f);
            FieldDef agg = field(rel.name + QLatin1String("_aggregate"), target + QLatin1String("_aggregate!"),
                QStringLiteral("An aggregate relationship"));
            agg.args = args;
            agg.role = FieldRole::ArrayAggregate;
            agg.table = rel.target;
            agg.relationship = r;
            object.fields.push_back(agg);
            boolExp.inputFields.push_back(arg(rel.name, target + QLatin1String("_bool_exp")));
            boolExp.inputFields.push_back(arg(rel.name + QLatin1String("_aggregate"), addAggregateBoolExp(rel.target)));
            if (!m_tables[size_t(rel.target)].isView)
                insertInput.inputFields.push_back(arg(rel.name, target + QLatin1String("_arr_rel_insert_input")));
        } else {
            FieldDef f = field(
                rel.name, rel.nonNull ? target + QLatin1Char('!') : target, QStringLiteral("An object relationship"));
            f.role = FieldRole::ObjectRelationship;
            f.table = rel.target;
            f.relationship = r;
            object.fields.push_back(f);
            boolExp.inputFields.push_back(arg(rel.name, target + QLatin1String("_bool_exp")));
            orderBy.inputFields.push_back(arg(rel.name, target + QLatin1String("_order_by")));
            if (!m_tables[size_t(rel.target)].isView && rel.targetInsertedFirst)
                insertInput.inputFields.push_back(arg(rel.name, target + QLatin1String("_obj_rel_insert_input")));
        }
    }
    // Relationship input types of every table, so the targets' names resolve.
    for (const char *kind : { "_arr_rel_insert_input", "_obj_rel_insert_input" }) {
        TypeDef rel;
        rel.kind = TypeKind::InputObject;
        rel.name = suffixed(kind);
        const bool isArray = rel.name.endsWith(QLatin1String("_arr_rel_insert_input"));
        rel.description = QStringLiteral("input type for inserting %1 relation for remote table \"%2\"")
                              .arg(isArray ? QStringLiteral("array") : QStringLiteral("object"), n);
        rel.inputFields.push_back(arg(QStringLiteral("data"),
            isArray ? QString(QLatin1Char('[') + insertInput.name + QLatin1String("!]!"))
                    : QString(insertInput.name + QLatin1Char('!'))));
        if (!t.uniqueConstraints.isEmpty())
            rel.inputFields.push_back(
                arg(QStringLiteral("on_conflict"), suffixed("_on_conflict"), QStringLiteral("upsert condition")));
        if (!t.isView)
            add(rel);
    }

    // Aggregates.
    TypeDef aggregate;
    aggregate.kind = TypeKind::Object;
    aggregate.name = suffixed("_aggregate");
    aggregate.description = QStringLiteral("aggregated selection of \"%1\"").arg(n);
    aggregate.role = TypeRole::Aggregate;
    aggregate.table = index;
    aggregate.fields = { field(QStringLiteral("aggregate"), suffixed("_aggregate_fields")),
        field(QStringLiteral("nodes"), QLatin1Char('[') + n + QLatin1String("!]!")) };
    TypeDef aggregateFields;
    aggregateFields.kind = TypeKind::Object;
    aggregateFields.name = suffixed("_aggregate_fields");
    aggregateFields.description = QStringLiteral("aggregate fields of \"%1\"").arg(n);
    aggregateFields.role = TypeRole::AggregateFields;
    aggregateFields.table = index;
    FieldDef count = field(QStringLiteral("count"), QStringLiteral("Int!"));
    count.args = { arg(QStringLiteral("columns"), QLatin1Char('[') + selectColumn.name + QLatin1String("!]")),
        arg(QStringLiteral("distinct"), QStringLiteral("Boolean")) };
    aggregateFields.fields.push_back(count);
    const auto addColumnsType = [&](const char *function, bool numericOnly, bool floatResult) {
        const auto &columns = numericOnly ? numericColumns : comparableColumns;
        if (columns.empty())
            return;
        TypeDef cols;
        cols.kind = TypeKind::Object;
        cols.name = n + QLatin1Char('_') + QLatin1String(function) + QLatin1String("_fields");
        cols.description = QStringLiteral("aggregate %1 on columns").arg(QLatin1String(function));
        cols.role = TypeRole::AggregateColumns;
        cols.table = index;
        cols.aggregateFunction = QLatin1String(function);
        for (const auto &[name, scalar] : columns) {
            FieldDef f = field(name, floatResult ? QStringLiteral("Float") : scalar);
            f.role = FieldRole::Column;
            f.column = name;
            cols.fields.push_back(f);
        }
        aggregateFields.fields.push_back(field(QLatin1String(function), cols.name));
        add(cols);
    };
    addColumnsType("avg", true, true);
    addColumnsType("max", false, false);
    addColumnsType("min", false, false);
    addColumnsType("stddev", true, true);
    addColumnsType("stddev_pop", true, true);
    addColumnsType("stddev_samp", true, true);
    addColumnsType("sum", true, false);
    addColumnsType("var_pop", true, true);
    addColumnsType("var_samp", true, true);
    addColumnsType("variance", true, true);

    add(object);
    add(boolExp);
    add(orderBy);
    add(selectColumn);
    add(aggregate);
    add(aggregateFields);
    if (t.isView)
        return;
    add(insertInput);
    add(setInput);
    if (!incInput.inputFields.empty())
        add(incInput);
    if (!pkInput.inputFields.empty())
        add(pkInput);
    TypeDef response;
    response.kind = TypeKind::Object;
    response.name = suffixed("_mutation_response");
    response.description = QStringLiteral("response of any mutation on the table \"%1\"").arg(n);
    response.role = TypeRole::MutationResponse;
    response.table = index;
    response.fields = { field(QStringLiteral("affected_rows"), QStringLiteral("Int!"),
                            QStringLiteral("number of rows affected by the mutation")),
        field(QStringLiteral("returning"), QLatin1Char('[') + n + QLatin1String("!]!"),
            QStringLiteral("data from the rows affected by the mutation")) };
    add(response);
    if (!t.uniqueConstraints.isEmpty()) {
        TypeDef constraint;
        constraint.kind = TypeKind::Enum;
        constraint.name = suffixed("_constraint");
        constraint.description = QStringLiteral("unique or primary key constraints on table \"%1\"").arg(n);
        constraint.enumValues = t.uniqueConstraints;
        add(constraint);
        add(updateColumn);
        TypeDef onConflict;
        onConflict.kind = TypeKind::InputObject;
        onConflict.name = suffixed("_on_conflict");
        onConflict.description = QStringLiteral("on_conflict condition type for table \"%1\"").arg(n);
        onConflict.inputFields = { arg(QStringLiteral("constraint"), constraint.name + QLatin1Char('!')),
            arg(QStringLiteral("update_columns"), QLatin1Char('[') + updateColumn.name + QLatin1String("!]!"), {},
                QStringLiteral("[]")),
            arg(QStringLiteral("where"), boolExp.name) };
        add(onConflict);
    }
}

QString Schema::addAggregateBoolExp(int index)
{
    const TableInfo &t = m_tables[size_t(index)];
    const QString &n = t.graphqlName;
    TypeDef exp;
    exp.kind = TypeKind::InputObject;
    exp.name = n + QLatin1String("_aggregate_bool_exp");
    if (hasType(exp.name))
        return exp.name;
    QStringList booleanColumns;
    for (const CatalogColumn &c : t.columns) {
        if (c.typeName == QLatin1String("bool"))
            booleanColumns.append(c.name);
    }
    // count over any rows; bool_and and bool_or only where there is a boolean column to fold
    // (a GraphQL enum may not be empty).
    for (const char *function : { "bool_and", "bool_or", "count" }) {
        const bool isCount = qstrcmp(function, "count") == 0;
        if (!isCount && booleanColumns.isEmpty())
            continue;
        TypeDef predicate;
        predicate.kind = TypeKind::InputObject;
        predicate.name = exp.name + QLatin1Char('_') + QLatin1String(function);
        QString arguments = QLatin1Char('[') + n + QLatin1String("_select_column!]");
        if (!isCount) {
            TypeDef columns;
            columns.kind = TypeKind::Enum;
            columns.name = n + QLatin1String("_select_column_") + predicate.name + QLatin1String("_arguments_columns");
            columns.description
                = QStringLiteral("select \"%1\" columns of table \"%2\"").arg(QString::fromLatin1(function), n);
            columns.enumValues = booleanColumns;
            arguments = columns.name + QLatin1Char('!');
            add(columns);
        }
        const QString predicateScalar = isCount ? QStringLiteral("Int") : QStringLiteral("Boolean");
        addScalarAndComparison(predicateScalar);
        predicate.inputFields
            = { arg(QStringLiteral("arguments"), arguments), arg(QStringLiteral("distinct"), QStringLiteral("Boolean")),
                  arg(QStringLiteral("filter"), n + QLatin1String("_bool_exp")),
                  arg(QStringLiteral("predicate"), predicateScalar + QLatin1String("_comparison_exp!")) };
        exp.inputFields.push_back(arg(QLatin1String(function), predicate.name));
        add(predicate);
    }
    add(exp);
    return exp.name;
}

void Schema::addStreamFields(TypeDef &subscription)
{
    TypeDef ordering;
    ordering.kind = TypeKind::Enum;
    ordering.name = QStringLiteral("cursor_ordering");
    ordering.description = QStringLiteral("ordering argument of a cursor");
    ordering.enumValues = { QStringLiteral("ASC"), QStringLiteral("DESC") };
    add(ordering);
    std::vector<FieldDef> fields;
    for (size_t i = 0; i < subscription.fields.size(); ++i) {
        const FieldDef &f = subscription.fields[i];
        fields.push_back(f);
        const bool lastOfTable = i + 1 == subscription.fields.size() || subscription.fields[i + 1].table != f.table;
        if (f.table < 0 || !lastOfTable)
            continue;
        const QString &n = m_tables[size_t(f.table)].graphqlName;
        TypeDef value;
        value.kind = TypeKind::InputObject;
        value.name = n + QLatin1String("_stream_cursor_value_input");
        value.description = QStringLiteral("Initial value of the column from where the streaming should start");
        for (const CatalogColumn &c : m_tables[size_t(f.table)].columns)
            value.inputFields.push_back(arg(c.name, scalarFor(c.typeName)));
        TypeDef cursor;
        cursor.kind = TypeKind::InputObject;
        cursor.name = n + QLatin1String("_stream_cursor_input");
        cursor.description = QStringLiteral("Streaming cursor of the table \"%1\"").arg(n);
        cursor.inputFields = { arg(QStringLiteral("initial_value"), value.name + QLatin1Char('!'),
                                   QStringLiteral("Stream column input with initial value")),
            arg(QStringLiteral("ordering"), ordering.name, QStringLiteral("cursor ordering")) };
        FieldDef stream = field(n + QLatin1String("_stream"), QLatin1Char('[') + n + QLatin1String("!]!"),
            QStringLiteral("fetch data from the table in a streaming manner: \"%1\"").arg(n));
        stream.args = { arg(QStringLiteral("batch_size"), QStringLiteral("Int!"),
                            QStringLiteral("maximum number of rows returned in a single batch")),
            arg(QStringLiteral("cursor"), QLatin1Char('[') + cursor.name + QLatin1String("]!"),
                QStringLiteral("cursor to stream the results returned by the query")),
            arg(QStringLiteral("where"), n + QLatin1String("_bool_exp"), QStringLiteral("filter the rows returned")) };
        stream.role = FieldRole::Stream;
        stream.table = f.table;
        fields.push_back(stream);
        add(value);
        add(cursor);
    }
    subscription.fields = std::move(fields);
}

void Schema::addIntrospectionTypes()
{
    const auto object = [](const char *name, std::vector<FieldDef> fields) {
        TypeDef t;
        t.kind = TypeKind::Object;
        t.name = QLatin1String(name);
        t.fields = std::move(fields);
        return t;
    };
    const auto withArgs = [](FieldDef f, std::vector<InputValueDef> args) {
        f.args = std::move(args);
        return f;
    };
    const InputValueDef includeDeprecated
        = arg(QStringLiteral("includeDeprecated"), QStringLiteral("Boolean"), {}, QStringLiteral("false"));
    add(object("__Schema",
        { field(QStringLiteral("description"), QStringLiteral("String")),
            field(QStringLiteral("types"), QStringLiteral("[__Type!]!")),
            field(QStringLiteral("queryType"), QStringLiteral("__Type!")),
            field(QStringLiteral("mutationType"), QStringLiteral("__Type")),
            field(QStringLiteral("subscriptionType"), QStringLiteral("__Type")),
            field(QStringLiteral("directives"), QStringLiteral("[__Directive!]!")) }));
    add(object("__Type",
        { field(QStringLiteral("kind"), QStringLiteral("__TypeKind!")),
            field(QStringLiteral("name"), QStringLiteral("String")),
            field(QStringLiteral("description"), QStringLiteral("String")),
            field(QStringLiteral("specifiedByURL"), QStringLiteral("String")),
            withArgs(field(QStringLiteral("fields"), QStringLiteral("[__Field!]")), { includeDeprecated }),
            field(QStringLiteral("interfaces"), QStringLiteral("[__Type!]")),
            field(QStringLiteral("possibleTypes"), QStringLiteral("[__Type!]")),
            withArgs(field(QStringLiteral("enumValues"), QStringLiteral("[__EnumValue!]")), { includeDeprecated }),
            withArgs(field(QStringLiteral("inputFields"), QStringLiteral("[__InputValue!]")), { includeDeprecated }),
            field(QStringLiteral("ofType"), QStringLiteral("__Type")) }));
    add(object("__Field",
        { field(QStringLiteral("name"), QStringLiteral("String!")),
            field(QStringLiteral("description"), QStringLiteral("String")),
            withArgs(field(QStringLiteral("args"), QStringLiteral("[__InputValue!]!")), { includeDeprecated }),
            field(QStringLiteral("type"), QStringLiteral("__Type!")),
            field(QStringLiteral("isDeprecated"), QStringLiteral("Boolean!")),
            field(QStringLiteral("deprecationReason"), QStringLiteral("String")) }));
    add(object("__InputValue",
        { field(QStringLiteral("name"), QStringLiteral("String!")),
            field(QStringLiteral("description"), QStringLiteral("String")),
            field(QStringLiteral("type"), QStringLiteral("__Type!")),
            field(QStringLiteral("defaultValue"), QStringLiteral("String")),
            field(QStringLiteral("isDeprecated"), QStringLiteral("Boolean!")),
            field(QStringLiteral("deprecationReason"), QStringLiteral("String")) }));
    add(object("__EnumValue",
        { field(QStringLiteral("name"), QStringLiteral("String!")),
            field(QStringLiteral("description"), QStringLiteral("String")),
            field(QStringLiteral("isDeprecated"), QStringLiteral("Boolean!")),
            field(QStringLiteral("deprecationReason"), QStringLiteral("String")) }));
    add(object("__Directive",
        { field(QStringLiteral("name"), QStringLiteral("String!")),
            field(QStringLiteral("description"), QStringLiteral("String")),
            field(QStringLiteral("isRepeatable"), QStringLiteral("Boolean!")),
            field(QStringLiteral("locations"), QStringLiteral("[__DirectiveLocation!]!")),
            withArgs(field(QStringLiteral("args"), QStringLiteral("[__InputValue!]!")), { includeDeprecated }) }));
    TypeDef kind;
    kind.kind = TypeKind::Enum;
    kind.name = QStringLiteral("__TypeKind");
    kind.enumValues = { QStringLiteral("SCALAR"), QStringLiteral("OBJECT"), QStringLiteral("INTERFACE"),
        QStringLiteral("UNION"), QStringLiteral("ENUM"), QStringLiteral("INPUT_OBJECT"), QStringLiteral("LIST"),
        QStringLiteral("NON_NULL") };
    add(kind);
    TypeDef location;
    location.kind = TypeKind::Enum;
    location.name = QStringLiteral("__DirectiveLocation");
    location.enumValues = { QStringLiteral("QUERY"), QStringLiteral("MUTATION"), QStringLiteral("SUBSCRIPTION"),
        QStringLiteral("FIELD"), QStringLiteral("FRAGMENT_DEFINITION"), QStringLiteral("FRAGMENT_SPREAD"),
        QStringLiteral("INLINE_FRAGMENT"), QStringLiteral("VARIABLE_DEFINITION"), QStringLiteral("SCHEMA"),
        QStringLiteral("SCALAR"), QStringLiteral("OBJECT"), QStringLiteral("FIELD_DEFINITION"),
        QStringLiteral("ARGUMENT_DEFINITION"), QStringLiteral("INTERFACE"), QStringLiteral("UNION"),
        QStringLiteral("ENUM"), QStringLiteral("ENUM_VALUE"), QStringLiteral("INPUT_OBJECT"),
        QStringLiteral("INPUT_FIELD_DEFINITION") };
    add(location);
}

} // namespace trefoil::graphql
