"""A save that changes nothing writes no history row; a save that changes something writes one."""

import unicodedata

from django.core.management import call_command

from directory import services
from directory.models import AdministrativeUnit, Organisation, OrganisationKind, User


def test_saving_an_unchanged_record_writes_no_history(units):
    organisation = services.organisation_upsert(
        actor=None, name="Hội Sản xuất và Tiêu thụ vải thiều Lục Ngạn",
        kind=OrganisationKind.PRODUCER_ASSOCIATION, unit=units["bg.luc-ngan"],
    )
    assert organisation.history.count() == 1

    reloaded = Organisation.objects.get(pk=organisation.pk)
    reloaded.save()
    services.record_save(actor=None, instance=reloaded, reason="Không thay đổi gì")
    assert organisation.history.count() == 1

    reloaded.phone = "0204 3882 123"
    services.record_save(actor=None, instance=reloaded, reason="Cập nhật điện thoại")
    assert organisation.history.count() == 2
    assert organisation.history.first().phone == "0204 3882 123"


def test_a_value_typed_in_decomposed_unicode_is_the_same_name(units):
    organisation = services.organisation_upsert(
        actor=None, name="Hợp tác xã Mỳ Chũ", kind=OrganisationKind.COOPERATIVE, unit=units["bg.luc-ngan"],
    )
    decomposed = unicodedata.normalize("NFD", "Hợp tác xã Mỳ Chũ")
    again = services.organisation_upsert(
        actor=None, name=decomposed, kind=OrganisationKind.COOPERATIVE, unit=units["bg.luc-ngan"],
    )
    # Stored in NFC, so the decomposed spelling finds and leaves the same row.
    assert again.pk == organisation.pk
    assert Organisation.objects.filter(name="Hợp tác xã Mỳ Chũ").count() == 1
    assert organisation.history.count() == 1


def test_loading_the_demo_data_twice_duplicates_nothing(db):
    call_command("load_demo_data")
    counts = (AdministrativeUnit.objects.count(), User.objects.count(), Organisation.objects.count())
    history = (AdministrativeUnit.history.count(), User.history.count(), Organisation.history.count())
    call_command("load_demo_data")
    assert (AdministrativeUnit.objects.count(), User.objects.count(), Organisation.objects.count()) == counts
    assert (AdministrativeUnit.history.count(), User.history.count(), Organisation.history.count()) == history
