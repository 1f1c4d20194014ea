"""The councils' voting rule becomes data (Circular 18/2013/TT-BKHCN, art. 8: two thirds of all the council's
members, not of those present), and every vote already recorded is judged by it and keeps what it needed:
with history, under batches naming this migration."""

from django.db import migrations

MIGRATION = "initiatives.0007_council_rule_and_votes"
REASON = "Quy tắc biểu quyết theo Thông tư 18/2013/TT-BKHCN, Điều 8: 2/3 tổng số thành viên hội đồng."


def fill(apps, schema_editor):
    from audit.upgrades import backfill, backfill_create

    CouncilRule = apps.get_model("initiatives", "CouncilRule")
    CouncilVote = apps.get_model("initiatives", "CouncilVote")
    using = schema_editor.connection.alias
    if not CouncilVote._base_manager.using(using).exists():
        return  # no vote to judge: the rule is written with the first vote
    rules = CouncilRule._base_manager.using(using)
    if not rules.exists():
        backfill_create(apps, schema_editor, model="initiatives.CouncilRule", migration=MIGRATION, reason=REASON,
                        records=[CouncilRule(basis="members", numerator=2, denominator=3,
                                             legal_basis="Thông tư 18/2013/TT-BKHCN, Điều 8")])
    rule = rules.order_by("pk").first()

    def judged(vote):
        base = vote.members_seated if rule.basis == "members" else vote.members_present
        return {"rule_id": rule.pk, "votes_needed": -(-rule.numerator * base // rule.denominator)}

    backfill(apps, schema_editor, model="initiatives.CouncilVote", migration=MIGRATION, reason=REASON, compute=judged)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0006_council_rules_and_remuneration")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
