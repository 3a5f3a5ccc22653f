"""`manage.py video_outputs_regenerate`: produce a video's outputs again (after
adding or changing an encoding profile, or a pipeline upgrade), like Wagtail's
wagtail_update_image_renditions.

    manage.py video_outputs_regenerate --all            # every video, on the media queue
    manage.py video_outputs_regenerate --stale          # only those whose outputs are out of date
    manage.py video_outputs_regenerate --video 12 --sync  # one video, here and now
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from media_pipeline import services
from media_pipeline.models import Video


class Command(BaseCommand):
    help = "Regenerate the outputs of one, stale or all videos."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--video", type=int, action="append", help="a video id (repeatable)")
        which.add_argument("--all", action="store_true", help="every video")
        which.add_argument("--stale", action="store_true", help="videos with out-of-date outputs")
        parser.add_argument("--sync", action="store_true", help="process here instead of queueing")

    def handle(self, *args, video=None, all=False, stale=False, sync=False, **options):
        videos = Video.objects.order_by("pk")
        if video:
            videos = videos.filter(pk__in=video)
            missing = set(video) - set(videos.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No video with id {', '.join(map(str, sorted(missing)))}.")
        specs = services.profile_specs()
        count = 0
        for item in videos.iterator():
            if stale and not services.video_processing_needed(item, specs):
                continue
            count += 1
            if sync:
                outcome = services.video_process(video_id=item.pk, force=True)
                self.stdout.write(f"video {item.pk}: {outcome}")
            else:
                with transaction.atomic():
                    services.video_processing_schedule(video=item, force=True)
                self.stdout.write(f"video {item.pk}: queued")
        self.stdout.write(
            self.style.SUCCESS(f"{count} video(s) {'processed' if sync else 'queued'}.")
        )
